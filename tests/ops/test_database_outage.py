"""A database outage answers 503 with Retry-After, recovers without a restart, and loses nothing.

A gunicorn server with the production settings talks to PostgreSQL through a TCP proxy that the test
cuts; the shared PostgreSQL itself is never stopped.
"""

import pytest
import requests
from django.db import OperationalError, connection
from django.test import RequestFactory

from cms.intake.models import IntakeSubmission
from cms.ops.middleware import DatabaseOutageMiddleware
from tests.factories import ConditionPageFactory
from tests.intake.factories import SPINE_ROWS, VALID_ANSWERS, build_form

from .servers import GunicornServer, TCPProxy


def outage_response(path):
    middleware = DatabaseOutageMiddleware(lambda request: None)
    error = OperationalError("connection to server failed")
    return middleware.process_exception(RequestFactory().get(path), error)


def test_api_outage_is_problem_json(settings):
    settings.OUTAGE_RETRY_AFTER = 15
    response = outage_response("/api/v3/pages/find/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "15"
    assert response["Cache-Control"] == "no-store"


def test_site_outage_is_a_friendly_page():
    response = outage_response("/conditions/sciatica/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert "back in a moment" in response.content.decode()
    assert response["Retry-After"]


def test_other_errors_are_left_alone():
    middleware = DatabaseOutageMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("bug")) is None


@pytest.fixture
def proxied_server(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the outage test runs against PostgreSQL (DATABASE_URL=postgres://...)")
    db = connection.settings_dict
    proxy = TCPProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    user = db["USER"] or "postgres"
    database_url = f"postgres://{user}@127.0.0.1:{proxy.port}/{db['NAME']}"
    # One address sends every submission here: lift the per-address limit past the tests' count.
    environment = {"DATABASE_URL": database_url, "INTAKE_RATE_LIMIT_REQUESTS": "100"}
    server = GunicornServer(environment, tmp_path / "gunicorn.log")
    yield server, proxy
    server.stop()
    proxy.close()


def submit(server, slug):
    token = requests.get(f"{server.url}/api/v3/intake/forms/{slug}/token", timeout=10).json()
    body = {"answers": VALID_ANSWERS, "form_token": token["form_token"]}
    url = f"{server.url}/api/v3/intake/forms/{slug}/submissions/"
    return requests.post(url, json=body, timeout=10)


@pytest.mark.live
# The server reads what the test commits; serialized_rollback restores Wagtail's migration data
# (root page, locale) after the flush, for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outage_then_recovery_without_losing_submissions(site, condition_index, proxied_server):
    server, proxy = proxied_server
    page = ConditionPageFactory(parent=condition_index, title="Sciatica", slug="sciatica")
    build_form(SPINE_ROWS, title="Spine intake", slug="spine")
    acknowledged = [submit(server, "spine") for _ in range(3)]
    assert [response.status_code for response in acknowledged] == [201, 201, 201]
    # A patient who opened the form before the outage (the form itself is cached).
    token = requests.get(f"{server.url}/api/v3/intake/forms/spine/token", timeout=10).json()

    proxy.cut()
    api = requests.get(f"{server.url}/api/v3/pages/{page.pk}/", timeout=10)
    html = requests.get(f"{server.url}/conditions/sciatica/", timeout=10)
    during = submit_during_outage(server, token)
    ready = requests.get(f"{server.url}/readyz", timeout=10)

    assert (api.status_code, api.headers["Content-Type"]) == (503, "application/problem+json")
    assert api.headers["Retry-After"]
    assert (html.status_code, html.headers["Content-Type"][:9]) == (503, "text/html")
    assert "back in a moment" in html.text
    assert during.status_code == 503
    assert ready.status_code == 503 and ready.json()["failing"] == ["database"]
    assert requests.get(f"{server.url}/healthz", timeout=10).status_code == 200

    proxy.restore()
    assert requests.get(f"{server.url}/api/v3/pages/{page.pk}/", timeout=10).status_code == 200
    assert requests.get(f"{server.url}/conditions/sciatica/", timeout=10).status_code == 200
    assert submit(server, "spine").status_code == 201
    assert IntakeSubmission.objects.count() == 4


def submit_during_outage(server, token):
    url = f"{server.url}/api/v3/intake/forms/spine/submissions/"
    body = {"answers": VALID_ANSWERS, "form_token": token["form_token"]}
    return requests.post(url, json=body, timeout=10)


@pytest.mark.live
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_connections_broken_between_requests_cost_no_request(site, proxied_server):
    """The production settings keep each worker thread's connection; one broken while kept (a
    database restart or failover between requests) is checked and replaced before it is used."""
    server, proxy = proxied_server
    build_form(SPINE_ROWS, title="Spine intake", slug="spine")
    before = [submit(server, "spine").status_code for _ in range(8)]  # each thread keeps one

    proxy.cut()  # every kept connection is dropped, with no request in flight
    proxy.restore()
    after = [submit(server, "spine").status_code for _ in range(8)]

    assert before == after == [201] * 8
    assert IntakeSubmission.objects.count() == 16
