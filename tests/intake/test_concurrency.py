"""Concurrent submissions over real HTTP against a live, threaded server.

Runs on PostgreSQL only: pytest-django's live server shares SQLite's in-memory test database
through one connection, so requests there are serialised and prove nothing about concurrency.
``serialized_rollback`` restores migration data (Wagtail's root page, groups) after the flush
that transactional tests end with, so later tests on the same worker still find it.
"""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from cms.intake.models import IdempotencyRecord, IntakeSubmission
from cms.intake.protection import issue_form_token

from .factories import SPINE_ROWS, VALID_ANSWERS, build_form

pytestmark = [
    pytest.mark.live,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgresql_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the SQLite live server serialises every request")


@pytest.fixture
def live_form(settings):
    settings.INTAKE_RATE_LIMIT = (10_000, 60)  # every request comes from 127.0.0.1
    return build_form(SPINE_ROWS, slug="spine")


def post(url, body, key=None):
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_200_concurrent_submissions_store_exactly_200_rows(live_server, live_form):
    url = f"{live_server.url}/api/v3/intake/forms/spine/submissions/"
    bodies = [
        {"answers": {**VALID_ANSWERS, "pain_score": n % 8}, "form_token": issue_form_token("spine")}
        for n in range(200)
    ]
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda body: post(url, body), bodies))
    assert [status for status, _ in results] == [201] * 200, results[:2]
    assert len({data["id"] for _, data in results}) == 200
    assert IntakeSubmission.objects.count() == 200
    assert sorted(s.answers["pain_score"] for s in IntakeSubmission.objects.all()) == sorted(
        n % 8 for n in range(200)
    )


def test_concurrent_retries_with_one_idempotency_key_store_one_row(live_server, live_form):
    url = f"{live_server.url}/api/v3/intake/forms/spine/submissions/"
    body = {"answers": VALID_ANSWERS, "form_token": issue_form_token("spine")}
    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(lambda _: post(url, body, key="retry-1"), range(24)))
    assert {status for status, _ in results} == {201}
    assert len({data["id"] for _, data in results}) == 1
    assert IntakeSubmission.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1
