"""The site, its clinic and the view restrictions are read once per change, never stale."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.api.cache import invalidate
from cms.edge.scope import request_scope
from cms.pages.clinic import ClinicSettings
from cms.pages.siteconfig import GENERATION_KEY, view_restrictions
from tests.factories import ConditionIndexPageFactory, ConditionPageFactory, publish_approved


@pytest.fixture
def page(condition_index):
    page = ConditionPageFactory(parent=condition_index, title="Sciatica")
    publish_approved(page)
    return page


def detail(client, page):
    """An uncached anonymous v3 detail of ``page`` (as right after a publish): status, JSON,
    and the queries it made."""
    invalidate([page.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v3/pages/{page.pk}/")
    return response, [query["sql"] for query in queries.captured_queries]


def reads(queries, table):
    return sum(f'FROM "{table}"' in sql for sql in queries)


def test_read_once_then_kept_between_requests(client, page):
    _, first = detail(client, page)
    response, second = detail(client, page)

    assert response.status_code == 200
    for table in ("wagtailcore_site", "wagtailcore_pageviewrestriction", "pages_clinicsettings"):
        assert reads(first, table) == 1, table
        assert reads(second, table) == 0, table
    assert len(second) <= len(first) - 3


def test_a_new_view_restriction_hides_the_page_on_the_next_request(client, page):
    assert detail(client, page)[0].status_code == 200

    PageViewRestriction.objects.create(page=page, restriction_type="login")

    assert detail(client, page)[0].status_code == 404


def test_moving_a_private_section_keeps_it_private(client, home_page, condition_index, page):
    other = ConditionIndexPageFactory(parent=home_page, title="Elsewhere", slug="elsewhere")
    PageViewRestriction.objects.create(page=condition_index, restriction_type="login")
    assert detail(client, page)[0].status_code == 404  # the restrictions are kept now

    condition_index.move(other, pos="last-child")

    assert detail(client, page)[0].status_code == 404


def test_lifting_a_view_restriction_shows_the_page(client, page):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert detail(client, page)[0].status_code == 404

    restriction.delete()

    assert detail(client, page)[0].status_code == 200


def test_saved_clinic_settings_show_on_the_next_request(client, site, page):
    detail(client, page)
    clinic = ClinicSettings.for_site(site)
    clinic.name = "Northside Spine Centre"
    clinic.save()

    response, _ = detail(client, page)

    assert response.json()["jsonld"]["publisher"]["name"] == "Northside Spine Centre"


def test_a_site_no_longer_answering_the_host_is_not_used(client, site, page):
    assert detail(client, page)[0].status_code == 200

    site.hostname, site.is_default_site = "elsewhere.example", False
    site.save()

    assert detail(client, page)[0].status_code == 404


def test_outside_a_request_everything_is_read_each_time(page, django_assert_num_queries):
    with django_assert_num_queries(2):
        view_restrictions()
        view_restrictions()
    with request_scope(), django_assert_num_queries(1):
        view_restrictions()
        view_restrictions()


def test_without_the_cache_everything_is_read_from_the_database(client, page, monkeypatch):
    PageViewRestriction.objects.create(page=page, restriction_type="login")

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", unreachable)
    monkeypatch.setattr(cache, "get_many", unreachable)
    _, first = detail(client, page)
    response, second = detail(client, page)

    assert response.status_code == 404
    assert reads(second, "wagtailcore_pageviewrestriction") == 1


def test_changes_set_a_new_generation(site):
    with request_scope():
        view_restrictions()
    before = cache.get(GENERATION_KEY)

    site.save()

    assert cache.get(GENERATION_KEY) not in (None, before)


def test_kept_values_are_read_afresh_after_max_age(client, page, monkeypatch):
    import cms.pages.siteconfig

    detail(client, page)
    PageViewRestriction.objects.bulk_create(  # a write that sends no signal
        [PageViewRestriction(page=page, restriction_type="login")]
    )
    assert detail(client, page)[0].status_code == 200  # kept: nothing said it changed

    monkeypatch.setattr(cms.pages.siteconfig, "MAX_AGE", -1)

    assert detail(client, page)[0].status_code == 404
