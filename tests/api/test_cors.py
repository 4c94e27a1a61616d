"""Browsers on allow-listed front-end origins may call the API; nobody else, and only /api/."""

import pytest

ORIGIN = "https://front.example"


@pytest.fixture(autouse=True)
def allowed(settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]


def test_an_allowed_origin_may_read_the_api(client, site):
    response = client.get("/api/v3/routes/", HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == ORIGIN


def test_preflight_from_an_allowed_origin(client, site):
    response = client.options(
        "/api/v3/pages/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "if-none-match" in response["Access-Control-Allow-Headers"]


def test_the_validators_are_readable_from_javascript(client, site):
    response = client.get("/api/v3/routes/", HTTP_ORIGIN=ORIGIN)
    assert "etag" in response["Access-Control-Expose-Headers"].lower()


def test_other_origins_get_no_cors_headers(client, site):
    response = client.get("/api/v3/routes/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in response


def test_only_the_api_is_shared(client, site):
    response = client.get("/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response
