"""A presented bearer token that is not valid answers 401 instead of falling back to anonymous."""

import pytest
from django.utils import timezone
from wagtail.models import APIToken


@pytest.fixture
def token(editor):
    _, plaintext = APIToken.create_token(user=editor, name="front-end")
    return plaintext


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.mark.parametrize(
    "url", ["/api/v3/pages/", "/api/v3/routes/", "/api/v3/whoami/", "/api/v3/intake/forms/x/"]
)
def test_unknown_token_is_a_401(client, site, url):
    response = client.get(url, **bearer("wagtail_not-a-real-token"))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert "no-store" in response["Cache-Control"]
    assert response.json()["status"] == 401
    assert "token" in response.json()["detail"]


def test_revoked_token_is_a_401(client, site, token):
    APIToken.objects.update(revoked_at=timezone.now())
    assert client.get("/api/v3/pages/", **bearer(token)).status_code == 401


def test_token_of_an_inactive_user_is_a_401(client, site, token, editor):
    editor.is_active = False
    editor.save()
    assert client.get("/api/v3/pages/", **bearer(token)).status_code == 401


def test_valid_token_and_no_token_are_served(client, site, token):
    assert client.get("/api/v3/whoami/", **bearer(token)).status_code == 200
    assert client.get("/api/v3/pages/").status_code == 200
    assert client.get("/api/v3/pages/", HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==").status_code == 200


def test_v2_ignores_tokens(client, site):
    assert client.get("/api/v2/pages/", **bearer("wagtail_not-a-real-token")).status_code == 200
