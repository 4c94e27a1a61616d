"""Every response carries a Content-Security-Policy: strict on the public site and API, looser
(inline scripts) but still same-origin in the admin."""

import re

import pytest


def directives(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.django_db
def test_public_page_allows_no_inline_script_and_no_framing(client, site):
    response = client.get("/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert "nonce" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_public_templates_hold_no_inline_script(client, site):
    html = client.get("/").content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/' in tag, tag
    assert " style=" not in html


@pytest.mark.django_db
def test_api_and_not_found_carry_the_public_policy(client, site):
    for path in ("/api/v3/pages/", "/no-such-page/"):
        policy = directives(client.get(path))
        assert policy["script-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]


def test_admin_allows_inline_scripts_but_no_other_origin(admin_client, site):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert not any("http" in value for values in policy.values() for value in values)


def test_admin_login_page_has_the_admin_policy(client, db):
    policy = directives(client.get("/admin/login/"))
    assert "'unsafe-inline'" in policy["script-src"]


def test_admin_may_frame_the_headless_preview_origin(admin_client, site, settings):
    settings.WAGTAIL_HEADLESS_PREVIEW_URL = "https://preview.example.org:8443/preview/"
    policy = directives(admin_client.get("/admin/"))
    assert policy["frame-src"] == ["'self'", "https://preview.example.org:8443"]


@pytest.mark.django_db
def test_media_on_another_origin_is_allowed_as_images(client, site, settings):
    settings.MEDIA_URL = "https://media.example.org/files/"
    policy = directives(client.get("/"))
    assert "https://media.example.org" in policy["img-src"]
    assert policy["script-src"] == ["'self'"]


def test_an_admin_preview_may_be_framed_by_the_admin_only(admin_client, condition_index):
    from tests.factories import ConditionPageFactory

    page = ConditionPageFactory(parent=condition_index)
    preview = f"/admin/pages/{page.pk}/edit/preview/"
    data = {
        "title": page.title,
        "slug": page.slug,
        "condition_name": "Sciatica",
        "short_summary": "Leg pain.",
        "body-count": "0",
        "related_conditions": [],
    }
    assert admin_client.post(preview, data).json()["is_valid"]
    response = admin_client.get(preview, {"mode": "", "in_preview_panel": "true"})

    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # still the public page's policy otherwise
    assert response.get("X-Frame-Options", "SAMEORIGIN") == "SAMEORIGIN"
