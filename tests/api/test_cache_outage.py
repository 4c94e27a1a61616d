"""While Redis is down the API answers uncached but correct: no 500, nothing stale.

Production runs django-redis with ``IGNORE_EXCEPTIONS`` (reads miss, writes are dropped). The
API's own cache layer also survives a backend that raises: it logs and answers uncached. Wagtail
and Django read the default cache directly (the site root paths, for one), so with
``IGNORE_EXCEPTIONS`` off they fail first; that case gives only the API's cache the raising
backend.
"""

import logging

import pytest
from django.core.cache import caches

from cms.api import cache as api_cache
from cms.ops import cache as ops_cache
from tests.factories import ConditionPageFactory, publish_approved

#: Nothing listens on port 1: every call fails at once with "connection refused".
DOWN = "redis://127.0.0.1:1/0"


def redis_down(ignore_exceptions):
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": DOWN,
        "OPTIONS": {
            # Production's client: django-redis's, behind a circuit breaker that logs the failure.
            "CLIENT_CLASS": "cms.ops.cache.CircuitBreakerClient",
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
            "IGNORE_EXCEPTIONS": ignore_exceptions,
        },
    }


@pytest.fixture(params=["ignore-exceptions", "raise-exceptions"])
def outage(request, settings, monkeypatch, db):
    pytest.importorskip("django_redis")
    monkeypatch.setattr(ops_cache, "_breakers", {})  # each test starts with a closed breaker
    if request.param == "ignore-exceptions":
        settings.CACHES = {"default": redis_down(True)}
    else:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "down": redis_down(False),
        }
        monkeypatch.setattr(api_cache, "cache", caches["down"])
    return request.param


@pytest.fixture
def target(outage, condition_index):
    return ConditionPageFactory(parent=condition_index, title="Target", slug="target")


@pytest.fixture
def page(target, condition_index):
    page = ConditionPageFactory(parent=condition_index, title="Before", slug="outage")
    page.related_conditions.set([target])
    publish_approved(page)
    return page


@pytest.mark.parametrize(
    "path",
    [
        "/api/v3/pages/{pk}/",
        "/api/v3/pages/find/?html_path=/conditions/outage/",
        "/api/v3/pages/",
        "/api/v3/routes/",
        "/api/v2/pages/{pk}/",
        "/api/v2/pages/find/?html_path=/conditions/outage/",
    ],
)
def test_endpoints_answer_uncached(client, page, path):
    for _ in range(2):
        response = client.get(path.format(pk=page.pk))
        assert response.status_code == 200, response.content[:500]
        assert response.get("X-Cache") in (None, "miss")


def test_a_publish_shows_at_once(client, page):
    first = client.get(f"/api/v3/pages/{page.pk}/")
    assert first.json()["title"] == "Before"

    page.title = "After"
    publish_approved(page)

    again = client.get(f"/api/v3/pages/{page.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["title"] == "After"


@pytest.mark.parametrize("path", ["/api/v3/pages/{pk}/", "/api/v3/pages/", "/api/v3/routes/"])
def test_no_stale_304_for_pages_showing_a_published_page(client, page, target, path):
    """The invalidation of a publish is lost while the cache is down, so no validator may
    survive it: every response carries a fresh generation stamp."""
    path = path.format(pk=page.pk)
    etag = client.get(path)["ETag"]

    target.title = "Target, renamed"
    publish_approved(target)

    response = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Target, renamed" in response.content.decode()


def test_failures_are_logged_not_raised(client, page, caplog):
    for breaker in ops_cache._breakers.values():  # building the page already tripped it
        breaker.record_success()
    with caplog.at_level(logging.WARNING):
        assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 200
    assert "Connection refused" in caplog.text
