"""Headless preview: signed, short-lived tokens from the admin's Preview to the API."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.factories import ConditionPageFactory, publish_approved

FRONT_END = "https://front.example/preview"


@pytest.fixture(autouse=True)
def front_end(settings):
    settings.WAGTAIL_HEADLESS_PREVIEW_URL = FRONT_END


@pytest.fixture
def page(condition_index):
    page = ConditionPageFactory(parent=condition_index, title="Live title")
    publish_approved(page)
    return page


def preview_token(page, rf):
    response = page.serve_preview(rf.get("/admin/"), "headless")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == FRONT_END
    return parse_qs(location.query)["token"][0]


def test_the_front_end_mode_is_offered_first(page, settings):
    assert page.preview_modes[0] == ("headless", "Front-end")
    assert page.default_preview_mode == "headless"
    settings.WAGTAIL_HEADLESS_PREVIEW_URL = ""
    assert "headless" not in dict(page.preview_modes)


def test_the_api_serves_the_unsaved_edit_for_a_valid_token(client, page, rf):
    page.title = "Edited, not saved"
    token = preview_token(page, rf)

    response = client.get("/api/v3/preview/", {"token": token})

    assert response.status_code == 200
    assert response.json()["title"] == "Edited, not saved"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert client.get(f"/api/v3/pages/{page.pk}/").json()["title"] == "Live title"


def test_falls_back_to_the_signed_revision(client, page, rf):
    page.title = "Saved draft"
    page.save_revision()
    token = preview_token(page, rf)
    cache.clear()  # the stored edit is gone (expired or evicted); the revision remains

    assert client.get("/api/v3/preview/", {"token": token}).json()["title"] == "Saved draft"


def test_a_tampered_token_is_forbidden(client, page, rf):
    token = preview_token(page, rf)
    response = client.get("/api/v3/preview/", {"token": token[:-2] + "xx"})
    assert response.status_code == 403
    assert "not valid" in response.json()["detail"]


def test_an_expired_token_is_unauthorised(client, page, rf, settings):
    token = preview_token(page, rf)
    settings.API_PREVIEW_TOKEN_MAX_AGE = -1
    response = client.get("/api/v3/preview/", {"token": token})
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_token_is_required(client, db):
    assert client.get("/api/v3/preview/").status_code in (400, 422)


def test_the_admin_preview_opens_the_front_end_with_the_edit(admin_client, client, page):
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = nested_form_data(
        {
            "title": "Typed in the editor",
            "slug": page.slug,
            "condition_name": page.condition_name,
            "short_summary": page.short_summary,
            "body": streamfield([]),
        }
    )
    assert admin_client.post(preview_url, data).json()["is_valid"]

    response = admin_client.get(preview_url, {"mode": "headless"})

    assert response.status_code == 302
    token = parse_qs(urlsplit(response["Location"]).query)["token"][0]
    draft = client.get("/api/v3/preview/", {"token": token}).json()
    assert draft["title"] == "Typed in the editor"
