"""intake-form.js in headless Chromium: same-step conditional fields follow the answers live."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.conftest import CHROMEDRIVER, CHROMIUM, browser  # noqa: F401 (fixture)

from .factories import build_form

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="chromium is not installed"
    ),
]


@pytest.fixture
def live_form(live_server):
    build_form(
        [
            ("Symptom list", "checkboxes", {"choices": "Numbness\nWeakness", "required": False}),
            (
                "Numbness where",
                "multiline",
                {
                    "visible_if_field": "symptom_list",
                    "visible_if_operator": "contains",
                    "visible_if_value": "Numbness",
                },
            ),
            ("Had surgery", "yesno", {}),
            (
                "Surgery date",
                "date",
                {"visible_if_field": "had_surgery", "visible_if_value": "yes"},
            ),
            (
                "Surgery details",
                "singleline",
                {
                    "visible_if_field": "surgery_date",
                    "visible_if_operator": "at_least",
                    "visible_if_value": "2020-01-01",
                },
            ),
        ],
        slug="live",
    )
    return f"{live_server.url}/intake/live/"


def shown(browser, name):  # noqa: F811
    wrapper = browser.find_element(By.CSS_SELECTOR, f'[data-field-name="{name}"]')
    return wrapper.get_attribute("hidden") is None and wrapper.is_displayed()


def test_fields_appear_and_disappear_with_the_answers(live_form, browser):  # noqa: F811
    browser.get(live_form)
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "form[data-intake-live]")
    )
    assert not shown(browser, "numbness_where")
    assert not shown(browser, "surgery_date")
    assert shown(browser, "symptom_list") and shown(browser, "had_surgery")

    numbness = browser.find_element(By.CSS_SELECTOR, 'input[name="symptom_list"][value="Numbness"]')
    numbness.click()
    assert shown(browser, "numbness_where")
    numbness.click()
    assert not shown(browser, "numbness_where")

    browser.find_element(By.CSS_SELECTOR, 'input[name="had_surgery"][value="yes"]').click()
    assert shown(browser, "surgery_date") and not shown(browser, "surgery_details")
    browser.execute_script(
        "const el = document.querySelector('[name=surgery_date]');"
        "el.value = '2021-05-01'; el.dispatchEvent(new Event('input', {bubbles: true}));"
    )
    assert shown(browser, "surgery_details")
    # Hiding a field hides the fields that depend on it (its answer no longer counts).
    browser.find_element(By.CSS_SELECTOR, 'input[name="had_surgery"][value="no"]').click()
    assert not shown(browser, "surgery_date") and not shown(browser, "surgery_details")
    # Hidden fields are out of the tab order.
    focusable = browser.execute_script(
        "return [...document.querySelectorAll('.intake-form input, .intake-form textarea')]"
        ".filter(el => el.offsetParent !== null && el.tabIndex >= 0).map(el => el.name)"
    )
    assert "surgery_date" not in focusable and "numbness_where" not in focusable
    assert "had_surgery" in focusable
