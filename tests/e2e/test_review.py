"""Medical review clicked through Wagtail's admin in headless Chromium: an editor submits a
clinical change, a reviewer approves it from the dashboard or the page editor, a marketer sends a
new page made from a template for review, and an editor publishes a non-clinical change at once.

Screenshots of each step are saved (kept in ``$E2E_SCREENSHOT_DIR`` when that is set).
"""

import pytest
from django.urls import reverse
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from cms.cloning.models import ConditionTemplate
from cms.pages.models import ConditionPage, MedicalApproval
from tests.factories import ConditionPageFactory, ReviewerFactory, publish_approved

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OLD_SYMPTOM = "Leg numbness"
NEW_SYMPTOM = "Tingling in the feet"
SYMPTOM_INPUT = "body-0-value-groups-0-value-items-1-value"
CTA_LABEL_INPUT = "body-1-value-link-label"
WAIT = 20
PUBLISH = "button[name='action-publish']"
SUBMIT = "button[name='action-submit']"
COMMENT = "Matches the 2024 stenosis guideline."


# -- people and pages ------------------------------------------------------------------------------


@pytest.fixture
def reviewer(db):
    user = ReviewerFactory(
        username="avery", profile__display_name="Dr. Avery", profile__credentials="MD"
    )
    user.set_password("password")
    user.save()
    return user


@pytest.fixture
def reviewed_page(condition_index, reviewer):
    """A live condition page whose clinical content Dr. Avery approved."""
    page = ConditionPageFactory(
        parent=condition_index,
        title="Sciatica",
        slug="sciatica",
        body__0="symptom_list",
        body__0__symptom_list__groups__0__items=["Lower back pain", OLD_SYMPTOM],
        body__1="call_to_action",
        body__1__call_to_action__link__label="Book a visit",
    )
    publish_approved(page, reviewer)
    page.refresh_from_db()
    return page


@pytest.fixture
def spine_template(db):
    """A template with written sections (none flagged "Not written yet")."""
    template = ConditionTemplate(
        name="Spine condition",
        description="A condition of the spine.",
        short_summary="{{ condition }} narrows the space around the nerves.",
        body_area="lower back",
    )
    template.body = [
        {
            "type": "symptom_list",
            "value": {
                "heading": "Symptoms of {{ condition }}",
                "groups": [{"region": "lumbar", "items": ["Pain when walking", "Leg cramps"]}],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Living with {{ condition }}",
                "link": {"label": "Book a visit", "anchor": "intake"},
            },
        },
    ]
    template.save()
    return template


# -- helpers ------------------------------------------------------------------------------------


def wait(browser, timeout=WAIT):
    return WebDriverWait(browser, timeout)


def visit(browser, url):
    browser.get(url)
    wait(browser).until(lambda d: d.execute_script("return document.readyState") == "complete")


def sign_out(browser):
    browser.delete_all_cookies()


def edit_url(live_server, page):
    return live_server.url + reverse("wagtailadmin_pages:edit", args=[page.pk])


def open_editor(browser, live_server, page):
    visit(browser, edit_url(live_server, page))
    # The StreamField editor is built by JavaScript: wait for its inputs.
    wait(browser).until(EC.presence_of_element_located((By.NAME, "body-count")))


def replace_text(browser, name, text):
    field = wait(browser).until(EC.presence_of_element_located((By.NAME, name)))
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    wait(browser).until(EC.visibility_of(field))
    field.clear()
    field.send_keys(text)
    assert field.get_attribute("value") == text


def open_action_menu(browser):
    """Open the dropdown beside the footer's main button, if it is closed."""
    toggle = browser.find_element(By.CSS_SELECTOR, "footer .w-dropdown-button .w-dropdown__toggle")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    wait(browser).until(lambda d: toggle.get_attribute("aria-expanded") == "true")


def click_menu_item(browser, css):
    """Choose an item of the footer's action menu; returns its label."""
    open_action_menu(browser)
    item = wait(browser).until(EC.element_to_be_clickable((By.CSS_SELECTOR, f"footer {css}")))
    label = item.text
    item.click()
    return label


def messages_text(browser):
    try:
        return " ".join(m.text for m in browser.find_elements(By.CSS_SELECTOR, ".messages li"))
    except StaleElementReferenceException:  # the page reloaded while they were read
        return ""


def wait_for_message(browser, text):
    try:
        wait(browser).until(lambda d: text in messages_text(d))
    except TimeoutException:
        pytest.fail(
            f"No message containing {text!r} at {browser.current_url}; "
            f"messages: {messages_text(browser)!r}"
        )


def public_text(browser, live_server, page):
    visit(browser, live_server.url + page.url)
    return browser.find_element(By.TAG_NAME, "main").text


def reviewer_line(text):
    return [line for line in text.splitlines() if line.startswith("Medically reviewed by")]


# -- the tests -----------------------------------------------------------------------------------


def test_editor_submits_a_clinical_change_for_medical_review(
    reviewed_page, editor, live_server, browser, admin_sign_in, screenshot
):
    admin_sign_in(editor)
    open_editor(browser, live_server, reviewed_page)
    screenshot("review-1-editor-opens-page")

    replace_text(browser, SYMPTOM_INPUT, NEW_SYMPTOM)
    # Publishing a clinical change is refused; the change is kept as a draft.
    click_menu_item(browser, PUBLISH)
    wait_for_message(browser, "Not published. Medical review needed: the “Symptom list” section")
    screenshot("review-1-publish-refused")
    assert messages_text(browser).count("Medical review needed") == 1
    wait(browser).until(EC.presence_of_element_located((By.NAME, "body-count")))
    assert browser.find_element(By.NAME, SYMPTOM_INPUT).get_attribute("value") == NEW_SYMPTOM

    assert click_menu_item(browser, SUBMIT) == "Submit to Medical review"
    wait_for_message(browser, "has been submitted for moderation")
    screenshot("review-1-submitted")

    page = ConditionPage.objects.get(pk=reviewed_page.pk)
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "Medical review"
    assert NEW_SYMPTOM in str(page.get_latest_revision().content["body"])

    text = public_text(browser, live_server, page)
    screenshot("review-1-public-page-unchanged")
    assert OLD_SYMPTOM in text
    assert NEW_SYMPTOM not in text


def submit_change_for_review(page, user, symptom):
    """What an editor's "Submit to Medical review" does, without the browser."""
    draft = page.get_latest_revision_as_object()
    draft.body[0].value["groups"][0]["items"][1] = symptom
    draft.save_revision(user=user)
    return page.get_workflow().start(page, user)


def test_reviewer_approves_from_the_dashboard_and_the_change_goes_live(
    reviewed_page, editor, reviewer, live_server, browser, admin_sign_in, screenshot
):
    submit_change_for_review(reviewed_page, editor, NEW_SYMPTOM)

    admin_sign_in(reviewer)
    visit(browser, live_server.url + reverse("wagtailadmin_home"))
    panel = wait(browser).until(
        EC.visibility_of_element_located((By.ID, "awaiting-review-section"))
    )
    assert "Sciatica" in panel.text
    screenshot("review-2-dashboard-awaiting-review")

    panel.find_element(By.CSS_SELECTOR, ".w-dropdown__toggle").click()
    approve = wait(browser).until(
        EC.element_to_be_clickable(
            (By.XPATH, "//*[@id='awaiting-review-section']//button[normalize-space()='Approve']")
        )
    )
    approve.click()
    # The dashboard posts the approval and comes back, with nothing left to review.
    wait(browser).until(EC.staleness_of(panel))
    wait(browser).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert browser.find_elements(By.ID, "awaiting-review-section") == []
    screenshot("review-2-approved")

    approval = MedicalApproval.objects.filter(page=reviewed_page).latest()
    assert approval.reviewer == reviewer
    page = ConditionPage.objects.get(pk=reviewed_page.pk)
    assert not page.workflow_in_progress
    assert page.review.is_reviewed

    text = public_text(browser, live_server, page)
    screenshot("review-2-public-page-updated")
    assert NEW_SYMPTOM in text
    assert OLD_SYMPTOM not in text
    assert reviewer_line(text) == [
        f"Medically reviewed by Dr. Avery, MD on {approval.approved_at:%B} "
        f"{approval.approved_at.day}, {approval.approved_at.year}."
    ]


def test_marketer_sends_a_page_from_a_template_for_review_and_a_reviewer_publishes_it(
    condition_index,
    spine_template,
    marketer,
    reviewer,
    live_server,
    browser,
    admin_sign_in,
    screenshot,
):
    admin_sign_in(marketer)
    visit(browser, live_server.url + reverse("wagtailadmin_home"))
    browser.find_element(By.LINK_TEXT, "New condition from template").click()
    wait(browser).until(EC.element_to_be_clickable((By.LINK_TEXT, "Spine condition"))).click()
    condition = wait(browser).until(EC.visibility_of_element_located((By.NAME, "value_condition")))
    condition.send_keys("Spinal Stenosis")
    screenshot("review-3-new-from-template")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()

    wait_for_message(browser, "created from the template")
    wait(browser).until(EC.presence_of_element_located((By.NAME, "body-count")))
    page = ConditionPage.objects.get(slug="spinal-stenosis")
    assert browser.current_url == edit_url(live_server, page)
    assert browser.find_elements(By.CSS_SELECTOR, "footer [name='action-publish']") == []
    screenshot("review-3-marketer-editor-without-publish")

    assert click_menu_item(browser, SUBMIT) == "Submit to Medical review"
    wait_for_message(browser, "has been submitted for moderation")
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert not page.live

    sign_out(browser)
    admin_sign_in(reviewer)
    open_editor(browser, live_server, page)
    screenshot("review-3-reviewer-opens-page")
    # "Approve with comment and Publish" asks for the comment in a modal, then posts the form.
    label = click_menu_item(
        browser, "button[data-workflow-action-name='approve'][data-workflow-action-modal-url]"
    )
    assert label == "Approve with comment and Publish"
    comment = wait(browser).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, ".modal textarea[name='comment']"))
    )
    comment.send_keys(COMMENT)
    screenshot("review-3-approve-with-comment")
    browser.find_element(By.CSS_SELECTOR, ".modal form button[type='submit']").click()
    # Wagtail saves the editor's form, then approves: its message says the page was updated.
    wait_for_message(browser, "has been updated")
    screenshot("review-3-approved")

    approval = MedicalApproval.objects.get(page=page)
    assert (approval.reviewer, approval.comment) == (reviewer, COMMENT)
    page.refresh_from_db()
    assert page.live
    text = public_text(browser, live_server, page)
    screenshot("review-3-public-page")
    assert "Spinal Stenosis" in text
    assert "Pain when walking" in text
    assert reviewer_line(text)[0].startswith("Medically reviewed by Dr. Avery, MD on ")


def test_editor_publishes_a_call_to_action_label_at_once_and_the_page_stays_reviewed(
    reviewed_page, editor, live_server, browser, admin_sign_in, screenshot
):
    before = reviewer_line(public_text(browser, live_server, reviewed_page))
    assert len(before) == 1

    admin_sign_in(editor)
    open_editor(browser, live_server, reviewed_page)
    replace_text(browser, CTA_LABEL_INPUT, "Ask us about your back")
    screenshot("review-4-label-changed")
    assert click_menu_item(browser, PUBLISH) == "Publish"
    wait_for_message(browser, "has been published")
    screenshot("review-4-published")

    page = ConditionPage.objects.get(pk=reviewed_page.pk)
    assert not page.has_unpublished_changes
    assert not page.workflow_in_progress
    assert page.review.is_reviewed
    assert MedicalApproval.objects.filter(page=page).count() == 1

    text = public_text(browser, live_server, page)
    screenshot("review-4-public-page")
    assert "Ask us about your back" in text
    assert reviewer_line(text) == before
