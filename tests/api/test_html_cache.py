"""The public HTML page cache: what it stores, what makes it stale, what it tells CDNs."""

import pytest
from django.db.models.signals import post_save
from django.test import Client, override_settings
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.settings.models import BaseSiteSetting

from cms.api.cache import _generation_key, local_copies
from cms.api.html_cache import SITE_SETTINGS
from tests.api.conftest import rich_text_linking
from tests.factories import ConditionPageFactory, RichTextSectionBlockFactory, publish_approved
from tests.intake.factories import SPINE_ROWS, build_form


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    publish_approved(page)
    page.refresh_from_db()
    return page


@pytest.fixture
def page(condition_index):
    return publish(ConditionPageFactory(parent=condition_index, title="Sciatica", slug="sciatica"))


def test_second_anonymous_read_is_a_hit_without_queries(client, page, django_assert_num_queries):
    first = client.get(page.url)
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(page.url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


def test_a_hit_on_another_process_is_two_cache_round_trips(client, page, cache_reads):
    client.get(page.url)
    local_copies.clear()  # as another server, which has not served this page yet
    cache_reads.clear()

    assert client.get(page.url)["X-Cache"] == "hit"

    # The page this URL serves; then its stamps and the stored copy together.
    assert len(cache_reads) == 2, cache_reads


def test_a_process_that_served_the_page_reads_its_stamps_alone(client, page, cache_reads):
    first = client.get(page.url)
    cache_reads.clear()

    second = client.get(page.url)

    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert cache_reads == [[_generation_key(page.pk), _generation_key(SITE_SETTINGS)]]


def test_a_copy_this_process_keeps_is_not_served_after_a_publish(client, page):
    client.get(page.url)
    publish(page, title="Sciatica, renamed")

    response = client.get(page.url)

    assert response["X-Cache"] == "miss"
    assert b"Sciatica, renamed" in response.content


def test_a_copy_this_process_keeps_is_not_served_for_a_page_moved_away(
    client, page, condition_index
):
    url = page.url
    client.get(url)
    page.move(condition_index.get_parent(), pos="last-child")

    response = client.get(url)

    assert response.status_code == 301  # to where the page lives now, not the kept copy
    page.refresh_from_db()
    assert response["Location"] == page.url


def test_paths_that_are_never_pages_are_not_looked_up(client, page, cache_reads):
    client.get("/api/v3/site-settings/")
    client.get("/intake/nope/")
    assert not any("cms_html" in key for keys in cache_reads for key in keys)


def test_headers_suit_a_cdn(client, page, settings):
    settings.HTML_CACHE_S_MAXAGE, settings.HTML_CACHE_STALE_WHILE_REVALIDATE = 123, 456
    for response in (client.get(page.url), client.get(page.url)):
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "s-maxage=123", "stale-while-revalidate=456"} <= control
        assert "cookie" not in response.get("Vary", "").lower()
        assert not response.cookies
        assert response["ETag"]


def test_if_none_match_answers_304(client, page, django_assert_max_num_queries):
    etag = client.get(page.url)["ETag"]
    with django_assert_max_num_queries(1):
        response = client.get(page.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_publishing_makes_the_page_stale(client, page):
    client.get(page.url)
    publish(page, title="Sciatica, revised")
    response = client.get(page.url)
    assert response["X-Cache"] == "miss"
    assert "Sciatica, revised" in response.content.decode()


def test_publishing_a_condition_makes_its_index_stale(client, condition_index, page):
    client.get(condition_index.url)
    publish(ConditionPageFactory(parent=condition_index, title="Stenosis", slug="stenosis"))
    response = client.get(condition_index.url)
    assert response["X-Cache"] == "miss"
    assert "Stenosis" in response.content.decode()


def test_publishing_a_page_makes_pages_linking_to_it_stale(client, condition_index, page):
    linking = ConditionPageFactory(parent=condition_index, slug="linking", body=[])
    section = RichTextSectionBlockFactory(body=rich_text_linking(page))
    publish(linking, body=[("rich_text", section)])
    client.get(linking.url)
    publish(page, slug="sciatica-moved")
    response = client.get(linking.url)
    assert response["X-Cache"] == "miss"
    assert "/conditions/sciatica-moved/" in response.content.decode()


class ThemeSettings(BaseSiteSetting):
    class Meta:
        abstract = True
        app_label = "pages"


def test_a_site_setting_change_makes_every_page_stale(client, condition_index, page):
    client.get(page.url), client.get(condition_index.url)
    setting = ThemeSettings.__new__(ThemeSettings)
    post_save.send(sender=ThemeSettings, instance=setting, created=False)
    assert client.get(page.url)["X-Cache"] == "miss"
    assert client.get(condition_index.url)["X-Cache"] == "miss"


def test_signed_in_readers_are_never_served_or_stored(admin_client, page):
    for _ in range(2):
        response = admin_client.get(page.url)
        assert "X-Cache" not in response
    assert Client().get(page.url)["X-Cache"] == "miss"


@pytest.mark.parametrize("extra", [{"HTTP_AUTHORIZATION": "Bearer x"}, {"QUERY_STRING": "a=1"}])
def test_tokens_and_query_strings_pass_through(client, page, extra):
    for _ in range(2):
        assert "X-Cache" not in client.get(page.url, **extra)


def test_a_page_with_an_intake_section_is_shared_without_any_per_visitor_value(
    client, condition_index
):
    """The section links to the uncached first step: no CSRF token, form token or cookie."""
    page = ConditionPageFactory(parent=condition_index, slug="with-form", body=[])
    form = build_form(SPINE_ROWS)
    publish(page, body=[("intake_form", {"heading": "Tell us", "intro": "", "form": form})])
    first, second = client.get(page.url), client.get(page.url)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    for response in (first, second):
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert 'name="_token"' not in response.content.decode()


def test_a_page_setting_a_cookie_is_never_stored(client, page, monkeypatch):
    serve = type(page).serve

    def serve_with_a_cookie(self, request, *args, **kwargs):
        response = serve(self, request, *args, **kwargs)
        response.set_cookie("visitor", "1")
        return response

    monkeypatch.setattr(type(page), "serve", serve_with_a_cookie)
    for _ in range(2):
        response = client.get(page.url)
        assert response.cookies["visitor"].value == "1"  # the page's own response, every time
        assert "X-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")

    monkeypatch.setattr(type(page), "serve", serve)  # the same page without it is stored
    client.get(page.url)
    assert client.get(page.url)["X-Cache"] == "hit"


def test_non_page_views_are_not_stored(client, page):
    for _ in range(2):
        assert "X-Cache" not in client.get("/intake/no-such-form/")


purged = []


class RecordingBackend(BaseBackend):
    def __init__(self, params):
        super().__init__(params)

    def purge(self, url):
        purged.append(url)


@override_settings(
    WAGTAILFRONTENDCACHE={"test": {"BACKEND": "tests.api.test_html_cache.RecordingBackend"}}
)
def test_publish_purges_the_same_pages_from_the_cdn(condition_index, page):
    linking = ConditionPageFactory(parent=condition_index, slug="linking", body=[])
    section = RichTextSectionBlockFactory(body=rich_text_linking(page))
    publish(linking, body=[("rich_text", section)])
    purged.clear()
    publish(page, title="Sciatica, revised")
    paths = {url.removeprefix("http://testserver") for url in purged}
    assert {"/conditions/sciatica/", "/conditions/", "/conditions/linking/", "/"} <= paths
