"""Every 5xx is logged with its traceback, as a JSON line, without the request's secrets."""

import copy
import io
import json
import logging.config

import pytest
from django.test import Client


@pytest.fixture
def log_stream(settings):
    stream = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"].update(stream=stream, formatter="json")
    logging.config.dictConfig(config)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


@pytest.mark.urls("tests.edge.urls")
def test_a_500_is_logged_with_traceback_and_without_secrets(db, log_stream):
    client = Client(raise_request_exception=False)
    response = client.post(
        "/api/broken/?q=ok",
        {"answers": {"name": "Secret Patient"}},
        content_type="application/json",
        headers={"Authorization": "Bearer secret-token-value", "Cookie": "sessionid=secret-cookie"},
    )
    assert response.status_code == 500
    lines = [json.loads(line) for line in log_stream.getvalue().splitlines()]
    [entry] = [line for line in lines if line["logger"] == "django.request"]
    assert entry["level"] == "ERROR"
    assert entry["status_code"] == 500
    assert entry["request"] == {"method": "POST", "path": "/api/broken/"}
    assert "RuntimeError: the database went away" in entry["traceback"]
    text = log_stream.getvalue()
    for secret in ("Secret Patient", "secret-token-value", "secret-cookie"):
        assert secret not in text


@pytest.mark.urls("tests.edge.urls")
def test_4xx_answers_are_not_logged_as_errors(db, log_stream):
    assert Client().get("/api/v3/nothing-here/").status_code == 404
    assert "django.request" not in log_stream.getvalue()
