"""The public API: schema, submissions, every error status (with nothing stored), abuse limits."""

import json
import logging
import sys
import time
from unittest import mock

import pytest
from django.test import Client

from cms.intake.models import IntakeSubmission
from cms.intake.protection import issue_form_token

URL = "/api/v3/intake/forms/spine/submissions/"


def test_get_schema(client, spine_form, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the form, its fields, its red flags
        response = client.get("/api/v3/intake/forms/spine/")
    assert response.status_code == 200
    data = response.json()
    assert data["slug"] == "spine"
    assert data["honeypot_field"] == "website"
    assert data["submit_url"] == URL
    assert data["token_url"] == "/api/v3/intake/forms/spine/token"
    assert "form_token" not in data
    assert len(data["steps"]) == 4


def test_token_endpoint_issues_a_fresh_uncached_token(client, spine_form, submit):
    first = client.get("/api/v3/intake/forms/spine/token")
    second = client.get("/api/v3/intake/forms/spine/token")
    assert first.status_code == 200
    assert first["Cache-Control"] == "no-store"
    assert not first.cookies
    assert first.json()["max_age"] > 0
    assert first.json()["form_token"] != second.json()["form_token"]
    body = {"answers": {}, "form_token": first.json()["form_token"]}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 422  # the token is accepted; only the answers are wrong
    assert "form_token" not in response.content.decode()


def test_token_for_an_unknown_form_is_404(client, db):
    response = client.get("/api/v3/intake/forms/nope/token")
    assert response.status_code == 404


def test_unknown_form_is_404(client, db, submit):
    assert client.get("/api/v3/intake/forms/nope/").status_code == 404
    response = submit("nope", {})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert IntakeSubmission.objects.count() == 0


def test_valid_submission_is_stored_encrypted_with_snapshot(
    spine_form, answers, submit, condition_index
):
    response = submit("spine", answers, extra={"page": condition_index.pk})
    assert response.status_code == 201, response.content
    submission = IntakeSubmission.objects.get()
    assert response.json() == {"id": str(submission.pk), "message": spine_form.success_message}
    assert submission.answers == answers
    assert submission.form_version == spine_form.version
    assert submission.form_snapshot == spine_form.schema()
    assert submission.consent_version == "2025-01"
    assert submission.consent_given_at is not None
    assert submission.source_page.pk == condition_index.pk
    assert submission.status == "new"


def test_anonymous_post_needs_no_csrf_token(spine_form, answers):
    client = Client(enforce_csrf_checks=True)
    body = {"answers": answers, "form_token": issue_form_token("spine")}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 201


def test_later_form_edits_do_not_change_stored_snapshot(spine_form, answers, submit):
    submit("spine", answers)
    spine_form.fields.filter(clean_name="name").update(label="Full name")
    spine_form.save()
    submission = IntakeSubmission.objects.get()
    labels = dict(submission.answer_rows())
    assert labels["Name"] == "Pat Example"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pain_score": 11}, "pain_score"),
        ({"pain_score": -1}, "pain_score"),
        ({"pain_score": 3.5}, "pain_score"),
        ({"how_long": "Forever"}, "how_long"),
        ({"name": "x" * 256}, "name"),
        ({"i_agree": False}, "i_agree"),
        ({"i_agree": None}, "i_agree"),
        ({"diagnosis": "secret"}, "diagnosis"),
        ({"email": 42}, "email"),
    ],
)
def test_invalid_answers_are_422_and_nothing_is_stored(spine_form, answers, submit, change, field):
    response = submit("spine", {**answers, **change})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert field in problem["field_errors"]
    assert any(error["loc"] == ["answers", field] for error in problem["errors"])
    assert IntakeSubmission.objects.count() == 0


def test_missing_consent_is_422(spine_form, answers, submit):
    del answers["i_agree"]
    response = submit("spine", answers)
    assert response.status_code == 422
    assert "i_agree" in response.json()["field_errors"]


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"answers": []},
        {"answers": {}, "extra": 1},
        {"answers": {}},  # no form token
        {"answers": {}, "form_token": "forged"},
        {"answers": {}, "form_token": "TOKEN", "page": "12"},
        {"answers": {}, "form_token": "TOKEN", "page": 999999},
    ],
)
def test_malformed_bodies_are_422(client, spine_form, body):
    if isinstance(body, dict) and body.get("form_token") == "TOKEN":
        body["form_token"] = issue_form_token("spine")
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 422
    assert IntakeSubmission.objects.count() == 0


def test_token_of_another_form_is_422(client, spine_form, answers):
    body = {"answers": answers, "form_token": issue_form_token("other")}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 422


def test_not_json_is_415(client, spine_form, answers):
    response = client.post(URL, {"answers": "x"})  # multipart form data
    assert response.status_code == 415
    response = client.post(URL, json.dumps({"answers": answers}), content_type="text/plain")
    assert response.status_code == 415
    assert IntakeSubmission.objects.count() == 0


def test_broken_json_is_400(client, spine_form):
    response = client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert IntakeSubmission.objects.count() == 0


def test_over_size_body_is_413(client, spine_form, answers, settings):
    settings.INTAKE_MAX_BODY_BYTES = 1000
    answers["name"] = "x" * 2000
    body = {"answers": answers, "form_token": issue_form_token("spine")}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 413
    assert IntakeSubmission.objects.count() == 0


def test_rate_limit_is_429_with_retry_after(spine_form, answers, submit, settings, monkeypatch):
    settings.INTAKE_RATE_LIMIT = (2, 60)
    # All three requests in one fixed window: the middle of the current minute.
    now = time.time()
    monkeypatch.setattr("cms.intake.protection.time.time", lambda: now - now % 60 + 30)
    assert submit("spine", answers).status_code == 201
    assert submit("spine", answers).status_code == 201
    response = submit("spine", answers)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert IntakeSubmission.objects.count() == 2


def test_rate_limit_fails_open_when_cache_is_down(spine_form, answers, submit, settings, caplog):
    settings.INTAKE_RATE_LIMIT = (1, 60)
    with mock.patch("cms.intake.protection.cache") as broken_cache:
        broken_cache.add.side_effect = ConnectionError("cache down")
        with caplog.at_level(logging.WARNING, logger="cms.intake"):
            assert submit("spine", answers).status_code == 201
            assert submit("spine", answers).status_code == 201
    assert IntakeSubmission.objects.count() == 2
    assert "cache is unavailable" in caplog.text


def test_honeypot_looks_like_success_and_stores_nothing(spine_form, answers, submit):
    response = submit("spine", answers, extra={"website": "http://spam.example"})
    assert response.status_code == 201
    assert set(response.json()) == {"id", "message"}
    assert IntakeSubmission.objects.count() == 0


def test_too_fast_looks_like_success_and_stores_nothing(spine_form, answers, submit, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 60
    response = submit("spine", answers)
    assert response.status_code == 201
    assert IntakeSubmission.objects.count() == 0


def test_idempotency_key_replays_and_stores_once(spine_form, answers, client):
    body = {"answers": answers, "form_token": issue_form_token("spine")}
    headers = {"Idempotency-Key": "abc-123"}
    first = client.post(URL, body, content_type="application/json", headers=headers)
    second = client.post(URL, body, content_type="application/json", headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert IntakeSubmission.objects.count() == 1


def test_idempotency_key_with_another_body_is_422(spine_form, answers, client):
    body = {"answers": answers, "form_token": issue_form_token("spine")}
    headers = {"Idempotency-Key": "abc-123"}
    client.post(URL, body, content_type="application/json", headers=headers)
    body["answers"] = {**answers, "pain_score": 2}
    response = client.post(URL, body, content_type="application/json", headers=headers)
    assert response.status_code == 422
    assert IntakeSubmission.objects.count() == 1


def test_cors_preflight_allows_listed_origin_and_idempotency_header(client, settings, db):
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example"]
    response = client.options(
        URL,
        headers={
            "Origin": "https://front.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, idempotency-key",
        },
    )
    assert response["Access-Control-Allow-Origin"] == "https://front.example"
    assert "idempotency-key" in response["Access-Control-Allow-Headers"]
    other = client.options(
        URL, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in other


def test_answers_never_reach_logs(spine_form, answers, submit, caplog):
    answers["name"] = "Unique Patient Name"
    with caplog.at_level(logging.DEBUG):
        submit("spine", answers)
        submit("spine", {**answers, "pain_score": 99})
    assert "Unique Patient Name" not in caplog.text


def test_submission_query_count(spine_form, answers, submit, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert submit("spine", answers).status_code == 201


def test_error_reports_hide_answers(spine_form, answers, rf, settings):
    """A crash while storing must not put answers into the error report mailed to admins."""
    from django.views.debug import ExceptionReporter

    from cms.intake import api

    answers["name"] = "Pat Crashing"
    body = json.dumps({"answers": answers, "form_token": issue_form_token("spine")})
    request = rf.post(URL, body, content_type="application/json")
    with mock.patch.object(api, "store_submission", side_effect=RuntimeError("db down")):
        try:
            api.create_submission(request, "spine")
        except RuntimeError:
            exc_type, exc, tb = sys.exc_info()
            # From the view's frame down: this test's own frame naturally holds the answers.
            report = ExceptionReporter(request, exc_type, exc, tb.tb_next).get_traceback_html()
    assert "db down" in report
    assert "Pat Crashing" not in report
