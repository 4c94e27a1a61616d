"""The rate limit fails open against a real, unreachable Redis, in both django-redis modes."""

import logging

import pytest
from django.test import override_settings

from cms.intake.models import IntakeSubmission

from .factories import SPINE_ROWS, build_form, short_form_final_post


def dead_redis(ignore_exceptions):
    """django-redis pointed at a port nothing listens on (connections are refused at once)."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": ignore_exceptions,
            },
        }
    }


@pytest.fixture
def form_page(condition_index):
    from tests.factories import ConditionPageFactory

    intake_form = build_form(SPINE_ROWS[:4], slug="short")
    page = ConditionPageFactory(parent=condition_index, body__0="hero")
    return intake_form, page


@pytest.mark.parametrize("ignore_exceptions", [True, False], ids=["ignoring", "raising"])
def test_api_submission_is_stored_while_redis_is_down(
    ignore_exceptions, form_page, submit, settings, caplog
):
    _, page = form_page
    answers = {
        "where_is_the_pain": ["lumbar"],
        "how_long": "Over 12 weeks",
        "pain_score": 4,
        "prior_back_surgery": True,
        "consent": True,
    }
    settings.INTAKE_RATE_LIMIT = (1, 60)
    with (
        override_settings(CACHES=dead_redis(ignore_exceptions)),
        caplog.at_level(logging.WARNING, logger="cms.intake"),
    ):
        response = submit("short", answers, extra={"page": page.pk})
    assert response.status_code == 201, response.content
    assert IntakeSubmission.objects.get().source_page_id == page.pk
    assert [r.getMessage() for r in caplog.records if r.name == "cms.intake"] == [
        "Intake rate limit skipped: the cache is unavailable."
    ]


@pytest.mark.parametrize("ignore_exceptions", [True, False], ids=["ignoring", "raising"])
def test_html_submission_is_stored_while_redis_is_down(
    ignore_exceptions, form_page, client, settings, caplog
):
    intake_form, page = form_page
    settings.INTAKE_MIN_FILL_SECONDS = 0
    data = short_form_final_post()
    with (
        override_settings(CACHES=dead_redis(ignore_exceptions)),
        caplog.at_level(logging.WARNING, logger="cms.intake"),
    ):
        response = client.post(f"/intake/short/?page={page.pk}", data)
    assert response.status_code == 302, response.content
    assert response["Location"] == "/intake/short/thanks/"
    assert IntakeSubmission.objects.get().form == intake_form
    assert "the cache is unavailable" in caplog.text
