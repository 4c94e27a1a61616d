"""The admin and the public site work under their Content-Security-Policy: headless Chromium opens
the page editor, the intake form builder and a condition page and logs no CSP violation."""

import pytest
from django.urls import reverse
from selenium.webdriver.support.ui import WebDriverWait

from tests.factories import ConditionPageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def condition_page(condition_index):
    return ConditionPageFactory(
        parent=condition_index,
        title="Sciatica",
        slug="sciatica",
        body__0="hero",
        body__0__hero__heading="Leg pain from the back",
        body__1="faq",
        body__1__faq__items__0__question="Will it come back?",
    )


def csp_violations(browser):
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"]
    ]


def visit(browser, url):
    browser.get(url)
    WebDriverWait(browser, 20).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def test_admin_and_public_pages_run_without_csp_violations(
    condition_page, superuser, settings, live_server, browser, admin_sign_in, screenshot
):
    settings.CMS_2FA_REQUIRED = True
    admin_sign_in(superuser)
    assert browser.current_url.rstrip("/").endswith("/admin")
    pages = {
        "page-editor": reverse("wagtailadmin_pages:edit", args=[condition_page.pk]),
        "intake-form-builder": reverse("wagtailsnippets_intake_intakeform:add"),
        "condition-page": condition_page.url,
    }
    for name, path in pages.items():
        visit(browser, live_server.url + path)
        assert "/two-factor/" not in browser.current_url
        screenshot(name)
        violations = csp_violations(browser)
        assert violations == [], (name, violations)
    assert "Leg pain from the back" in browser.page_source
