"""The reference front-end (examples/frontend) in headless Chromium, as a visitor sees it."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from tests.factories import ConditionPageFactory, ImageFactory, ReviewerFactory, approve
from tests.intake.factories import build_form

# Live-server tests flush the database; serialized rollback restores what migrations create
# (the root page, the default locale) for the next test.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PATH = "/conditions/failed-back-surgery-syndrome/"


@pytest.fixture
def condition_page(condition_index):
    page = ConditionPageFactory(
        parent=condition_index,
        title="Failed back surgery syndrome",
        slug="failed-back-surgery-syndrome",
        body__0="hero",
        body__0__hero__heading="Relief for pain after back surgery",
        body__0__hero__image__image=ImageFactory(title="Spine model"),
        body__0__hero__image__alt_text="A clinician pointing at a spine model",
        body__1="condition_basics",
        body__2="symptom_list",
        body__2__symptom_list__heading="Symptoms",
        body__2__symptom_list__groups__0__items=["Burning pain down one leg", "Stiffness"],
        body__3="cause_list",
        body__4="treatment_tiers",
        body__4__treatment_tiers__tiers__0__name="Spinal cord stimulation",
        body__4__treatment_tiers__tiers__0__image__image=ImageFactory(title="Stimulator"),
        body__4__treatment_tiers__tiers__0__image__alt_text="A small implanted stimulator",
        body__5="faq",
        body__5__faq__items__0__question="Can pain come back after a second surgery?",
        body__6="call_to_action",
        body__7="rich_text",
    )
    approve(page, ReviewerFactory(profile__display_name="Dr. Jane Example"))
    return page


def open_page(browser, url):
    browser.get(url)
    WebDriverWait(browser, 15).until(
        lambda d: d.execute_script("return document.body.dataset.ready === 'true'")
    )


def console(browser, level):
    return [e["message"] for e in browser.get_log("browser") if e["level"] == level]


def test_a_visitor_sees_the_condition_page(condition_page, frontend, browser, screenshot):
    open_page(browser, frontend(PATH))
    screenshot("condition-page")

    assert browser.title == "Failed back surgery syndrome"
    [h1] = browser.find_elements(By.TAG_NAME, "h1")
    assert h1.text == "Relief for pain after back surgery"
    symptoms = browser.find_element(By.CSS_SELECTOR, "[data-section-type=symptom_list]")
    assert "Burning pain down one leg" in symptoms.text
    tiers = browser.find_elements(By.CSS_SELECTOR, ".tier h3")
    assert [t.text for t in tiers] == ["Spinal cord stimulation"]
    for alt in ("A clinician pointing at a spine model", "A small implanted stimulator"):
        img = browser.find_element(By.CSS_SELECTOR, f'img[alt="{alt}"]')
        browser.execute_script("arguments[0].scrollIntoView()", img)
        WebDriverWait(browser, 10).until(
            lambda d, img=img: d.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", img
            )
        )
    question = browser.find_element(By.CSS_SELECTOR, "[data-section-type=faq] summary")
    assert question.text == "Can pain come back after a second surgery?"
    question.click()
    assert browser.find_element(By.CSS_SELECTOR, "[data-section-type=faq] details p").text == (
        "Answer."
    )
    rendered = [
        s.get_attribute("data-section-type")
        for s in browser.find_elements(By.CSS_SELECTOR, "main > section")
    ]
    assert rendered == [
        "hero",
        "condition_basics",
        "symptom_list",
        "cause_list",
        "treatment_tiers",
        "faq",
        "call_to_action",
        "rich_text",
    ]
    crumbs = browser.find_elements(By.CSS_SELECTOR, "#breadcrumbs a")
    assert [c.text for c in crumbs] == ["Home", "Conditions"]
    assert "Dr. Jane Example" in browser.find_element(By.ID, "review").text
    assert console(browser, "SEVERE") == []


# Stands in for a newer CMS whose API sends a section type this front-end does not know yet.
ADD_UNKNOWN_SECTION = """
const realFetch = window.fetch;
window.fetch = async (...args) => {
  const response = await realFetch(...args);
  if (!String(args[0]).includes("/pages/find/")) return response;
  const page = await response.json();
  page.body.splice(1, 0, {type: "promo_banner", id: "p1", value: {heading: "Offer"}});
  return new Response(JSON.stringify(page), {status: response.status, headers: response.headers});
};
"""


def test_an_unknown_section_is_skipped_with_a_warning(condition_page, frontend, browser):
    browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": ADD_UNKNOWN_SECTION}
    )
    open_page(browser, frontend(PATH))

    assert browser.find_element(By.TAG_NAME, "h1").text == "Relief for pain after back surgery"
    assert browser.find_elements(By.CSS_SELECTOR, "[data-section-type=promo_banner]") == []
    assert "Offer" not in browser.find_element(By.TAG_NAME, "main").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "main > section")) == 8
    assert any('unknown type \\"promo_banner\\"' in m for m in console(browser, "WARNING"))


def test_a_missing_page_says_so(site, frontend, browser):
    open_page(browser, frontend("/conditions/nothing-here/"))

    assert browser.find_element(By.TAG_NAME, "h1").text == "Page not found"


@pytest.fixture
def intake_page(condition_page, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 0  # the browser is faster than the bot threshold
    intake_form = build_form(
        [
            ("Your name", "singleline", {}),
            ("Pain score", "painscale", {}),
            ("Prior back surgery", "yesno", {}),
            (
                "Surgery date",
                "date",
                {"visible_if_field": "prior_back_surgery", "visible_if_value": "yes"},
            ),
            ("Consent", "consent", {"label": "I agree"}),
        ],
        slug="spine",
        success_message="Thank you, we will call you.",
    )
    condition_page.body.append(("intake_form", {"heading": "Tell us", "form": intake_form}))
    condition_page.save()
    return condition_page


def test_the_intake_form_shows_api_errors_then_submits(intake_page, frontend, browser, screenshot):
    from cms.intake.models import IntakeSubmission

    open_page(browser, frontend(PATH))
    form = browser.find_element(By.CSS_SELECTOR, "form[data-form=spine]")
    date_row = form.find_element(By.CSS_SELECTOR, "[data-field=surgery_date]")
    assert not date_row.is_displayed()

    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    name_error = form.find_element(By.ID, "spine-your_name-error")
    WebDriverWait(browser, 10).until(lambda d: name_error.is_displayed())
    assert name_error.text == "This field is required."
    assert form.find_element(By.ID, "spine-i_agree-error").is_displayed()
    screenshot("intake-errors")

    form.find_element(By.NAME, "your_name").send_keys("Pat Example")
    form.find_element(By.CSS_SELECTOR, "select[name=pain_score] option[value='7']").click()
    form.find_element(By.CSS_SELECTOR, "input[name=prior_back_surgery][value=yes]").click()
    assert date_row.is_displayed()
    browser.execute_script(
        "arguments[0].value = '2024-03-01'", form.find_element(By.NAME, "surgery_date")
    )
    form.find_element(By.NAME, "i_agree").click()
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    success = WebDriverWait(browser, 10).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, ".success"))
    )
    assert success.text == "Thank you, we will call you."
    submission = IntakeSubmission.objects.get()
    assert submission.source_page_id == intake_page.pk
    assert submission.answers["your_name"] == "Pat Example"
    assert submission.answers["pain_score"] == 7


@pytest.fixture
def stepped_intake_page(condition_page, settings):
    from cms.intake.models import IntakeRedFlag

    settings.INTAKE_MIN_FILL_SECONDS = 0
    intake_form = build_form(
        [
            ("Your name", "singleline", {}),
            ("Symptoms", "step", {}),
            ("Symptom list", "checkboxes", {"choices": "Leg pain\nBladder trouble"}),
            ("Consent", "consent", {"label": "I agree"}),
        ],
        slug="stepped",
        success_message="Thank you.",
    )
    IntakeRedFlag.objects.create(
        form=intake_form,
        field="symptom_list",
        operator="contains",
        value="Bladder trouble",
        message="Go to an emergency department now.",
    )
    condition_page.body.append(("intake_form", {"heading": "Tell us", "form": intake_form}))
    condition_page.save()
    return condition_page


def test_the_intake_form_runs_step_by_step_with_red_flags(stepped_intake_page, frontend, browser):
    from cms.intake.models import IntakeSubmission

    open_page(browser, frontend(PATH))
    form = browser.find_element(By.CSS_SELECTOR, "form[data-form=stepped]")
    assert form.find_element(By.CSS_SELECTOR, ".progress p").text == "Step 1 of 2"
    assert not form.find_element(By.NAME, "i_agree").is_displayed()

    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert form.find_element(By.ID, "stepped-your_name-error").text == "Answer this question."
    form.find_element(By.NAME, "your_name").send_keys("Pat Example")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert form.find_element(By.CSS_SELECTOR, ".progress p").text == "Step 2 of 2"
    assert not form.find_element(By.NAME, "your_name").is_displayed()

    form.find_element(By.CSS_SELECTOR, "input[value='Bladder trouble']").click()
    alert = form.find_element(By.CSS_SELECTOR, ".urgent-message")
    assert "Go to an emergency department now." in alert.text
    form.find_element(By.NAME, "i_agree").click()
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 10).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, ".success"))
    )
    assert "Go to an emergency department now." in browser.find_element(By.TAG_NAME, "main").text
    assert IntakeSubmission.objects.get().urgent is True
