"""Conditional GET, CDN headers and invalidation of the cached page JSON."""

import pytest
from django.core.cache import caches

from cms.api.cache import LocalCopies, _generation_key, local_copies
from tests.factories import (
    ConditionPageFactory,
    FigureBlockFactory,
    HeroBlockFactory,
    ImageFactory,
    publish_approved,
)


def url(page):
    return f"/api/v3/pages/{page.pk}/"


@pytest.fixture
def target(condition_index):
    return ConditionPageFactory(parent=condition_index, title="Target", slug="target")


@pytest.fixture
def page(condition_index, target):
    page = ConditionPageFactory(parent=condition_index, title="Referrer", slug="referrer")
    page.body = [("call_to_action", {"heading": "Go", "link": {"label": "See", "page": target}})]
    page.related_conditions.set([target])
    publish_approved(page)
    return page


def link_of(response):
    return response.json()["body"][0]["value"]["link"]["page"]


def test_public_responses_carry_validators_and_cdn_headers(client, page):
    response = client.get(url(page))

    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    cache_control = set(response["Cache-Control"].split(", "))
    assert {"public", "max-age=60", "s-maxage=300", "stale-while-revalidate=600"} == cache_control
    assert {"Accept", "Authorization", "Cookie"} <= set(response["Vary"].split(", "))


def test_a_hit_on_another_process_is_one_cache_round_trip(client, page, cache_reads):
    client.get(url(page))
    local_copies.clear()  # as another server, which has not served this page yet
    cache_reads.clear()

    response = client.get(url(page))

    assert response["X-Cache"] == "hit"
    assert len(cache_reads) == 1, cache_reads  # the page's stamp and its stored JSON together
    assert len(cache_reads[0]) == 2
    assert not any("cms_html" in key for key in cache_reads[0])  # the HTML cache keeps out


def test_a_process_that_served_the_page_reads_the_stamp_alone(client, page, cache_reads):
    first = client.get(url(page))
    cache_reads.clear()

    response = client.get(url(page))

    assert response["X-Cache"] == "hit"
    assert response.content == first.content
    assert cache_reads == [[_generation_key(page.pk)]]  # not the stored JSON


def test_a_copy_this_process_keeps_is_not_served_after_a_publish(client, page, target):
    client.get(url(page))
    target.title = "Renamed target"
    publish_approved(target)

    assert link_of(client.get(url(page)))["title"] == "Renamed target"


def test_a_stale_copy_gives_way_to_what_another_process_rendered(client, page, cache_reads):
    client.get(url(page))
    kept = local_copies.get(next(iter(local_copies._entries)))
    page.title = "Referrer, renamed"
    publish_approved(page)
    assert client.get(url(page))["X-Cache"] == "miss"  # the render stores the new JSON
    local_copies.put(next(iter(local_copies._entries)), kept)  # this process's
    cache_reads.clear()

    response = client.get(url(page))

    assert response["X-Cache"] == "hit"  # the shared copy, not a render
    assert response.json()["title"] == "Referrer, renamed"
    assert len(cache_reads) == 2, cache_reads  # the stamp, then the shared copy


def test_local_copies_stay_within_their_bytes(settings):
    settings.API_CACHE_LOCAL_BYTES = 10
    copies = LocalCopies()
    copies.put("a", ("stamp", b"aaaa", "text/plain"))
    copies.put("b", ("stamp", b"bbbb", "text/plain"))
    copies.get("a")  # used last: b goes first
    copies.put("c", ("stamp", b"cccc", "text/plain"))
    copies.put("huge", ("stamp", b"x" * 11, "text/plain"))

    assert copies.get("b") is None and copies.get("huge") is None
    assert copies.get("a") is not None and copies.get("c") is not None


def test_no_local_copies_when_their_bytes_are_zero(client, page, settings, cache_reads):
    settings.API_CACHE_LOCAL_BYTES = 0
    client.get(url(page))
    cache_reads.clear()

    assert client.get(url(page))["X-Cache"] == "hit"
    assert len(cache_reads[0]) == 2  # the stored JSON is read from the shared cache each time


def test_a_stored_response_of_an_older_stamp_is_not_served(client, page, target):
    client.get(url(page))
    target.title = "Renamed target"
    publish_approved(target)  # the page shows it: its stamp is bumped

    response = client.get(url(page))

    assert response["X-Cache"] == "miss"
    assert link_of(response)["title"] == "Renamed target"
    assert client.get(url(page))["X-Cache"] == "hit"


def test_if_none_match_gives_304_without_rendering(client, page, django_assert_num_queries):
    etag = client.get(url(page))["ETag"]
    with django_assert_num_queries(0):  # the generation stamp alone: no row, no rendering
        response = client.get(url(page), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert client.get(url(page), HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_request_for_an_unknown_page_stores_nothing(client, db):
    """Only a live page gets a generation stamp: ids made up by a client create no cache keys."""
    assert client.get("/api/v3/pages/987654/").status_code == 404
    assert caches["default"].get(_generation_key(987654)) is None


def test_if_modified_since_gives_304(client, page):
    last_modified = client.get(url(page))["Last-Modified"]
    assert client.get(url(page), HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_publishing_the_page_changes_its_etag_and_content(client, page):
    before = client.get(url(page))
    page.title = "Referrer, revised"
    publish_approved(page)

    after = client.get(url(page), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["title"] == "Referrer, revised"
    assert after["ETag"] != before["ETag"]


def test_publishing_a_linked_page_refreshes_the_pages_showing_it(client, page, target):
    assert link_of(client.get(url(page)))["title"] == "Target"
    assert client.get(url(page))["X-Cache"] == "hit"

    target.title = "Renamed target"
    publish_approved(target)

    response = client.get(url(page))
    assert link_of(response)["title"] == "Renamed target"
    assert response.json()["related_conditions"][0]["title"] == "Renamed target"


def test_unpublishing_a_related_condition_refreshes_the_page(client, page, target):
    assert client.get(url(page)).json()["related_conditions"]
    target.unpublish()
    assert client.get(url(page)).json()["related_conditions"] == []


def test_moving_a_linked_page_refreshes_its_path(client, page, target, home_page):
    client.get(url(page))
    other_index = home_page.add_child(instance=type(page.get_parent().specific)(title="Moved"))
    target.move(other_index, pos="last-child")

    assert link_of(client.get(url(page)))["path"] == "/moved/target/"


def test_deleting_a_related_condition_refreshes_the_page(client, page, target):
    client.get(url(page))
    target.delete()
    assert client.get(url(page)).json()["related_conditions"] == []


def test_unpublishing_the_page_itself_is_a_404_at_once(client, page):
    client.get(url(page))
    page.unpublish()
    assert client.get(url(page)).status_code == 404


@pytest.mark.parametrize(
    "credentials",
    [{"HTTP_AUTHORIZATION": "Bearer wagtail_invalid"}, {"HTTP_COOKIE": "sessionid=abc"}],
    ids=["bearer", "session"],
)
def test_personalised_requests_are_private_and_never_stored(client, page, credentials):
    response = client.get(url(page), **credentials)
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response
    assert client.get(url(page))["X-Cache"] == "miss"  # the private render was not stored


def test_listings_and_routes_change_when_anything_is_published(client, page, target):
    etags = {path: client.get(path)["ETag"] for path in ("/api/v3/pages/", "/api/v3/routes/")}
    publish_approved(target)
    for path, etag in etags.items():
        assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 200, path


def test_works_with_redis(client, page, settings):
    pytest.importorskip("django_redis")
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "cms-api-test",
        }
    }
    redis = caches["default"]
    try:
        redis.clear()
    except Exception:  # noqa: BLE001 - no server here
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    try:
        first = client.get(url(page))
        assert first["X-Cache"] == "miss"
        assert client.get(url(page))["X-Cache"] == "hit"
        publish_approved(page)
        assert client.get(url(page))["X-Cache"] == "miss"
    finally:
        redis.clear()


def test_changing_an_image_refreshes_the_pages_using_it(client, condition_index):
    image = ImageFactory(title="Before", file__width=600, file__height=400)
    page = ConditionPageFactory(parent=condition_index)
    page.body = [("hero", HeroBlockFactory(image=FigureBlockFactory(image=image)))]
    publish_approved(page)
    assert client.get(url(page)).json()["body"][0]["value"]["image"]["title"] == "Before"

    image.title = "After"
    image.save()

    assert client.get(url(page)).json()["body"][0]["value"]["image"]["title"] == "After"


def test_a_new_release_does_not_reuse_old_validators(client, page, settings):
    etag = client.get(url(page))["ETag"]
    settings.API_CACHE_VERSION = "release-2"
    response = client.get(url(page), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["X-Cache"] == "miss"


def test_submitting_for_review_refreshes_the_review_status(client, condition_index):
    page = ConditionPageFactory(parent=condition_index, title="Never reviewed")
    page.save_revision()
    url = f"/api/v3/pages/{page.pk}/"
    assert client.get(url).json()["review"]["status"] == "never"

    page.get_workflow().start(page, user=None)

    assert client.get(url).json()["review"]["status"] == "pending"


@pytest.mark.parametrize("page_id", ["abc", "1.5", "-3"])
def test_a_page_id_that_is_not_one_is_a_client_error(client, db, page_id):
    response = client.get(f"/api/v3/pages/{page_id}/")
    assert 400 <= response.status_code < 500
