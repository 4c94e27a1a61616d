"""The routes endpoint: every live, public page's path, for static site generators."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from tests.factories import ConditionPageFactory, publish_approved


def test_lists_live_public_pages_with_paths_and_times(client, condition_index):
    live = ConditionPageFactory(parent=condition_index, title="Sciatica", slug="sciatica")
    publish_approved(live)
    live.refresh_from_db()
    ConditionPageFactory(parent=condition_index, slug="draft", live=False)
    private = ConditionPageFactory(parent=condition_index, slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    data = client.get("/api/v3/routes/").json()

    assert [item["path"] for item in data["items"]] == [
        "/",
        "/conditions/",
        "/conditions/sciatica/",
    ]
    assert data["count"] == 3
    item = data["items"][-1]
    assert item["id"] == live.pk
    assert item["type"] == "pages.ConditionPage"
    assert item["last_modified"].startswith(str(live.last_published_at.date()))


def test_pages_of_results_follow_next_links(client, condition_index):
    for n in range(5):
        ConditionPageFactory(parent=condition_index, slug=f"c{n}")

    first = client.get("/api/v3/routes/?limit=3").json()
    assert first["count"] == 7
    assert first["previous"] is None
    assert [item["path"] for item in first["items"]] == ["/", "/conditions/", "/conditions/c0/"]
    assert first["next"] == "http://testserver/api/v3/routes/?limit=3&offset=3"

    second = client.get(first["next"]).json()
    assert [item["path"] for item in second["items"]] == [f"/conditions/c{n}/" for n in (1, 2, 3)]
    last = client.get(second["next"]).json()
    assert [item["path"] for item in last["items"]] == ["/conditions/c4/"]
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/v3/routes/?limit=3&offset=3"


def test_default_limit_never_answers_everything(client, condition_index):
    data = client.get("/api/v3/routes/").json()
    assert data["count"] == 2 and data["next"] is None

    from cms.api.endpoints import ROUTES_DEFAULT_LIMIT

    for _ in range(ROUTES_DEFAULT_LIMIT):
        ConditionPageFactory(parent=condition_index)
    cache.clear()  # factories create pages without the publish signal that stales the cache
    data = client.get("/api/v3/routes/").json()
    assert len(data["items"]) == ROUTES_DEFAULT_LIMIT
    assert f"offset={ROUTES_DEFAULT_LIMIT}" in data["next"]


@pytest.mark.parametrize("query", ["limit=101", "limit=0", "offset=-1", "limit=ten"])
def test_bad_paging_is_a_4xx_naming_the_parameter(client, condition_index, query):
    response = client.get(f"/api/v3/routes/?{query}")
    assert 400 <= response.status_code < 500
    assert query.split("=")[0] in response.content.decode()


def test_pages_outside_any_site_are_not_routes(client, condition_index, root_page):
    ConditionPageFactory(parent=root_page, slug="orphan")
    paths = [item["path"] for item in client.get("/api/v3/routes/").json()["items"]]
    assert paths == ["/", "/conditions/"]


@pytest.mark.parametrize("limit", [10, 50])
def test_query_count_does_not_grow_with_pages_or_limit(
    client, condition_index, limit, django_assert_num_queries
):
    for _ in range(60):
        ConditionPageFactory(parent=condition_index)
    client.get("/api/v3/routes/?limit=1")  # Wagtail's site root paths and the total are cached
    with django_assert_num_queries(3):
        data = client.get(f"/api/v3/routes/?limit={limit}").json()
    assert data["count"] == 62
    assert len(data["items"]) == limit
