"""The server-rendered site in headless Chromium, as a patient uses it on a phone and a laptop:
axe-core (npm's axe-core@4, from node_modules: `make e2e-deps`) finds no WCAG 2.2 AA violation,
nothing scrolls sideways at 390 px, the intake form is completed by keyboard alone, nothing is
fetched from another origin, and a reader of a condition page gets no cookie.

Screenshots of each page at 390 and 1280 px are written to ``var/screenshots/``.
"""

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from cms.intake.models import IntakeRedFlag, IntakeSubmission
from cms.pages.clinic import ClinicSettings
from tests.factories import ConditionPageFactory, ImageFactory, ReviewerFactory, approve
from tests.intake.factories import build_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ADVICE = "Please get emergency care now: call 911."


@pytest.fixture
def clinic(site):
    clinic = ClinicSettings.for_site(site)
    clinic.name = "Harbour Spine Clinic"
    clinic.logo = ImageFactory(title="Logo", file__width=192, file__height=192)
    clinic.phone = "+1 555 0100 300"
    clinic.address = "12 Quay Street\nPortville"
    clinic.opening_hours = "Monday to Friday: 8:00 to 18:00\nSaturday: closed"
    clinic.emergency_notice = "In an emergency, call 911 or go to the nearest emergency department."
    clinic.save()
    return clinic


@pytest.fixture
def intake_form(db, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 0
    intake_form = build_form(
        [
            ("Where is your pain", "bodyregion", {}),
            ("How bad is your pain today", "painscale", {"help_text": "0 is no pain."}),
            ("Prior back surgery", "yesno", {}),
            ("Symptoms", "step", {}),
            (
                "Symptom list",
                "checkboxes",
                {"choices": "Leg pain\nTrouble controlling bladder or bowels", "required": False},
            ),
            (
                "Where do you feel it",
                "singleline",
                {
                    "visible_if_field": "symptom_list",
                    "visible_if_operator": "contains",
                    "visible_if_value": "Leg pain",
                },
            ),
            ("Contact", "step", {}),
            ("Full name", "singleline", {}),
            ("Email", "email", {}),
            ("I agree", "consent", {}),
        ],
        title="Spine pain questionnaire",
        slug="spine",
    )
    IntakeRedFlag.objects.create(
        form=intake_form,
        field="symptom_list",
        operator="contains",
        value="Trouble controlling bladder or bowels",
        message=ADVICE,
    )
    return intake_form


@pytest.fixture
def condition_page(condition_index, clinic):
    page = ConditionPageFactory(
        parent=condition_index,
        title="Failed back surgery syndrome",
        slug="fbss",
        body__0="hero",
        body__0__hero__heading="Relief for pain after back surgery",
        body__0__hero__image__image=ImageFactory(title="Spine model"),
        body__0__hero__image__alt_text="A clinician pointing at a spine model",
        body__1="condition_basics",
        body__2="symptom_list",
        body__2__symptom_list__groups__0__items=["Burning pain down one leg", "Stiffness"],
        body__3="cause_list",
        body__4="treatment_tiers",
        body__4__treatment_tiers__tiers__0__name="Injections",
        body__4__treatment_tiers__tiers__0__image__image=ImageFactory(title="Injection"),
        body__4__treatment_tiers__tiers__0__image__alt_text="A nurse preparing an injection",
        body__4__treatment_tiers__tiers__1__name="Spinal cord stimulation",
        body__4__treatment_tiers__tiers__1__intensity="interventional",
        body__4__treatment_tiers__tiers__2__name="Revision surgery",
        body__4__treatment_tiers__tiers__2__intensity="surgical",
        body__5="faq",
        body__6="call_to_action",
    )
    approve(page, ReviewerFactory(profile__display_name="Dr. Jane Example"))
    return page


def set_width(browser, width):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def axe_violations(browser):
    browser.execute_script(AXE.read_text())
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.html)}))))"
        ".catch(e => done([{id: 'axe-error', nodes: [String(e)]}]));",
        WCAG_TAGS,
    )
    return result


def check(browser, name, origin):
    """axe at 1280 px, no sideways scrolling at 390 px, same-origin requests, screenshots."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        set_width(browser, width)
        assert axe_violations(browser) == [], f"{name} at {width}px"
        scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} scrolls sideways at {width}px: {scroll_width}"
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": width,
                "height": min(height, 6000),
                "deviceScaleFactor": 1,
                "mobile": width < 600,
            },
        )
        browser.save_screenshot(str(SCREENSHOTS / f"{name}-{width}.png"))
    set_width(browser, 1280)
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert [url for url in resources if not url.startswith(origin)] == [], name


@pytest.fixture
def browser_checks(browser):
    browser.set_script_timeout(60)
    return browser


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core missing: run `make e2e-deps`")
def test_condition_pages_pass_axe_fit_phones_and_set_no_cookie(
    live_server, condition_page, browser_checks
):
    browser = browser_checks
    browser.get(live_server.url + condition_page.url)
    assert browser.get_cookies() == []  # a reader gets no cookie
    assert browser.find_element(By.CSS_SELECTOR, ".site-brand__name").text == "Harbour Spine Clinic"
    check(browser, "condition-page", live_server.url)

    browser.get(live_server.url + "/conditions/")
    check(browser, "condition-index", live_server.url)
    assert browser.get_cookies() == []


def tab_to(browser, predicate, limit=80):
    """Press Tab until the focused element satisfies ``predicate`` (keyboard only)."""
    for _ in range(limit):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if predicate(browser.switch_to.active_element):
            return browser.switch_to.active_element
    raise AssertionError("Tab never reached the element")


def by_name(name, value=None):
    def match(element):
        if element.get_attribute("name") != name:
            return False
        return value is None or element.get_attribute("value") == value

    return match


def by_text(text):
    return lambda element: element.tag_name == "button" and element.text == text


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core missing: run `make e2e-deps`")
def test_the_intake_is_completed_by_keyboard_and_passes_axe_at_every_step(
    live_server, intake_form, clinic, browser_checks
):
    browser = browser_checks
    origin = live_server.url
    browser.get(f"{origin}/intake/spine/")
    check(browser, "intake-step-1", origin)

    # Step 1 with errors: the summary takes focus and links to the fields.
    tab_to(browser, by_text("Next")).send_keys(Keys.ENTER)
    summary = browser.find_element(By.CSS_SELECTOR, ".intake-error-summary")
    assert browser.switch_to.active_element == summary
    check(browser, "intake-step-1-errors", origin)

    tab_to(browser, by_name("where_is_your_pain", "lumbar")).send_keys(Keys.SPACE)
    pain = tab_to(browser, by_name("how_bad_is_your_pain_today"))
    for _ in range(6):
        pain.send_keys(Keys.ARROW_RIGHT)
        pain = browser.switch_to.active_element
    tab_to(browser, by_name("prior_back_surgery", "yes"))
    browser.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)  # radios: arrows choose "no"
    tab_to(browser, by_text("Next")).send_keys(Keys.ENTER)
    assert "Step 2 of 3" in browser.find_element(By.CSS_SELECTOR, ".intake-progress").text
    check(browser, "intake-step-2", origin)

    # A red-flag answer shows the advice at once (the script) ...
    tab_to(browser, by_name("symptom_list", "Trouble controlling bladder or bowels")).send_keys(
        Keys.SPACE
    )
    advice = browser.find_element(By.CSS_SELECTOR, "[data-red-flag-field]")
    assert advice.is_displayed() and ADVICE in advice.text
    tab_to(browser, by_text("Next")).send_keys(Keys.ENTER)
    # ... and the server repeats it on the next step.
    assert ADVICE in browser.find_element(By.CSS_SELECTOR, ".intake-urgent[role=alert]").text
    check(browser, "intake-step-3", origin)

    tab_to(browser, by_text("Send")).send_keys(Keys.ENTER)  # errors on the last step
    check(browser, "intake-step-3-errors", origin)
    tab_to(browser, by_name("full_name")).send_keys("Pat Example")
    tab_to(browser, by_name("email")).send_keys("pat@example.com")
    tab_to(browser, by_name("i_agree")).send_keys(Keys.SPACE)
    tab_to(browser, by_text("Send")).send_keys(Keys.ENTER)

    assert ADVICE in browser.find_element(By.CSS_SELECTOR, "main").text
    check(browser, "intake-thanks", origin)
    submission = IntakeSubmission.objects.get()
    assert submission.urgent is True
    assert submission.answers["how_bad_is_your_pain_today"] == 6
