"""Repeated refused bearer tokens from one address are answered 429 with Retry-After."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import APIToken

PAGES = "/api/v3/pages/"
WHOAMI = "/api/v3/whoami/"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.API_BEARER_FAILURE_LIMIT = (3, 120)


def bearer(token, address="10.1.1.1"):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}", "REMOTE_ADDR": address}


@pytest.fixture
def valid_token(db):
    user = get_user_model().objects.create_user("reader", "reader@example.com", "password")
    return APIToken.create_token(user=user, name="reader")[1]


def test_failures_on_an_endpoint_that_answers_401_are_limited(client, site):
    statuses = [client.get(WHOAMI, **bearer("wrong")).status_code for _ in range(4)]
    assert statuses[:3] == [401, 401, 401]
    assert statuses[3] == 429
    response = client.get(WHOAMI, **bearer("wrong"))
    assert response["Retry-After"] == "120"
    assert "retry" in response.json()["detail"]


def test_failures_that_fall_back_to_anonymous_reading_count_too(client, site):
    for _ in range(3):
        assert client.get(PAGES, **bearer("wrong")).status_code != 429
    assert client.get(PAGES, **bearer("wrong")).status_code == 429


def test_other_addresses_and_anonymous_requests_are_unaffected(client, site, valid_token):
    for _ in range(4):
        client.get(WHOAMI, **bearer("wrong"))
    assert client.get(PAGES, REMOTE_ADDR="10.1.1.1").status_code == 200
    assert client.get(WHOAMI, **bearer(valid_token, "10.1.1.2")).status_code == 200
    assert client.get(WHOAMI, **bearer(valid_token)).status_code == 429  # that address waits


def test_valid_tokens_are_never_counted(client, site, valid_token):
    for _ in range(5):
        assert client.get(WHOAMI, **bearer(valid_token)).status_code == 200


def test_the_limit_fails_open_without_a_cache(client, site, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr("cms.accounts.throttle.cache.get", broken)
    for _ in range(5):
        assert client.get(WHOAMI, **bearer("wrong")).status_code == 401
