"""API v2 listings with ``fields=*``: the same computed fields as the detail, bulk-loaded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import ConditionPageFactory, publish_approved

LISTING = "/api/v2/pages/?type=pages.ConditionPage&fields=*&limit=50&order=id"


@pytest.fixture
def related(condition_index):
    shown = ConditionPageFactory(parent=condition_index, title="Shown", condition_name="A")
    private = ConditionPageFactory(parent=condition_index, title="Private", condition_name="B")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = ConditionPageFactory(parent=condition_index, title="Draft", condition_name="C")
    draft.unpublish()
    return [shown, private, draft]


@pytest.fixture
def make_pages(condition_index, related):
    def make(count):
        pages = []
        for n in range(count):
            page = ConditionPageFactory(parent=condition_index, title=f"Page {n}", body__0="hero")
            page.related_conditions.set(related)
            publish_approved(page)
            pages.append(page)
        return pages

    return make


@pytest.mark.parametrize("count", [5, 30])
def test_query_count_does_not_grow_with_the_number_of_pages(
    client, make_pages, count, django_assert_max_num_queries
):
    make_pages(count)
    # 16: two of them (the request's site, its clinic) name the publisher of every JSON-LD, two
    # (approvals, reviews in progress) give every page its medical review.
    with django_assert_max_num_queries(16):
        response = client.get(LISTING)
    assert response.status_code == 200
    listed = [item for item in response.json()["items"] if item["title"].startswith("Page ")]
    assert len(listed) == count
    assert all(item["jsonld"]["about"]["@type"] == "MedicalCondition" for item in listed)


def test_listing_fields_match_the_detail(client, make_pages):
    pages = make_pages(2)
    items = {item["id"]: item for item in client.get(LISTING).json()["items"]}
    for page in pages:
        detail = client.get(f"/api/v2/pages/{page.pk}/").json()
        item = items[page.pk]
        for name in ("breadcrumbs", "related_conditions", "jsonld", "html_path"):
            assert item[name] == detail[name], name
        assert [r["title"] for r in item["related_conditions"]] == ["Shown"]
        assert [c["path"] for c in item["breadcrumbs"]] == ["/", "/conditions/"]


@pytest.mark.parametrize(
    "listing",
    [
        "/api/v2/pages/?type=pages.ConditionPage&fields=*&order=id&limit={limit}",
        "/api/v3/pages/?type=pages.ConditionPage&limit={limit}",
        "/api/v3/routes/?limit={limit}",
    ],
)
def test_queries_are_the_same_at_limit_10_and_50(
    client, condition_index, related, listing, django_assert_num_queries
):
    for n in range(55):
        page = ConditionPageFactory(parent=condition_index, title=f"Page {n}")
        page.related_conditions.set(related)
    client.get(listing.format(limit=1))  # Wagtail's site root paths are cached
    with CaptureQueriesContext(connection) as at_10:
        assert client.get(listing.format(limit=10)).status_code == 200
    with django_assert_num_queries(len(at_10.captured_queries)):
        response = client.get(listing.format(limit=50))
    assert len(response.json()["items"]) == 50


COUNTED = ["/api/v3/pages/?type=pages.ConditionPage", "/api/v3/routes/?"]


@pytest.mark.parametrize("listing", COUNTED)
def test_the_total_is_counted_once_until_a_page_changes(client, condition_index, listing):
    for n in range(12):
        ConditionPageFactory(parent=condition_index, title=f"Page {n}")

    def get(offset, limit=5):
        with CaptureQueriesContext(connection) as queries:
            data = client.get(f"{listing}&limit={limit}&offset={offset}").json()
        counts = sum(q["sql"].startswith("SELECT COUNT(") for q in queries.captured_queries)
        return data["count"], counts, len(queries.captured_queries)

    total, counted, _ = get(0)
    assert counted == 1
    # Other pages of results (each a response cache miss) reuse the total: one query fewer.
    assert get(5)[:2] == (total, 0)
    reused = get(10)[2]
    publish_approved(ConditionPageFactory(parent=condition_index, title="New"))
    assert get(10, limit=4) == (total + 1, 1, reused + 1)


@pytest.mark.parametrize("listing", COUNTED)
def test_the_total_follows_every_change_to_the_set(client, condition_index, listing):
    pages = [ConditionPageFactory(parent=condition_index, title=f"Page {n}") for n in range(4)]

    def total():
        return client.get(f"{listing}&limit=1&offset=1").json()["count"]

    start = total()
    pages[0].unpublish()
    assert total() == start - 1
    publish_approved(pages[0])
    assert total() == start
    PageViewRestriction.objects.create(page=pages[1], restriction_type="login")
    assert total() == start - 1
    pages[2].delete()
    assert total() == start - 2
    pages[3].move(condition_index.get_parent().get_parent(), pos="last-child")  # out of the site
    assert total() == start - 3
