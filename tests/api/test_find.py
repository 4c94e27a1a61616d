"""Find by path: answered with the page itself, and cheaply once the path is known."""

import pytest

from tests.factories import ConditionPageFactory, publish_approved


@pytest.fixture
def page(condition_index):
    page = ConditionPageFactory(parent=condition_index, title="Sciatica", slug="sciatica")
    publish_approved(page)
    return page


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_warm_find_costs_at_most_two_queries(client, page, version, django_assert_max_num_queries):
    url = f"/api/{version}/pages/find/?html_path=/conditions/sciatica/"
    cold = client.get(url)
    assert cold.status_code == 200
    with django_assert_max_num_queries(2):
        warm = client.get(url)
    assert warm.status_code == 200
    assert warm.content == cold.content
    assert warm["Content-Location"] == cold["Content-Location"]


def test_api_304_costs_at_most_one_query(client, page, django_assert_max_num_queries):
    etag = client.get(f"/api/v3/pages/{page.pk}/")["ETag"]
    with django_assert_max_num_queries(1):
        response = client.get(f"/api/v3/pages/{page.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_a_moved_page_is_found_again_at_its_new_path(client, condition_index, page):
    url = "/api/v3/pages/find/?html_path=/conditions/sciatica/"
    client.get(url)
    page.slug = "sciatica-moved"
    publish_approved(page)
    assert client.get(url).status_code == 404
    other = ConditionPageFactory(parent=condition_index, title="New", slug="sciatica")
    publish_approved(other)
    assert client.get(url).json()["id"] == other.pk


def test_an_unpublished_page_is_no_longer_found(client, page):
    url = "/api/v3/pages/find/?html_path=/conditions/sciatica/"
    client.get(url)
    page.unpublish()
    assert client.get(url).status_code == 404
