"""A published page's links are checked once the publish commits."""

import pytest

from cms.linkcheck.models import ReferenceLink
from tests.factories import publish_approved

pytestmark = pytest.mark.live


@pytest.fixture
def on_publish(settings):
    settings.LINK_CHECK_ON_PUBLISH = True


def test_publishing_checks_the_pages_links(
    on_publish, cited_site, page_citing, django_capture_on_commit_callbacks
):
    page = page_citing(cited_site.url("/missing"), live=False)
    other = page_citing(cited_site.url("/ok"))

    with django_capture_on_commit_callbacks(execute=True):
        publish_approved(page)

    link = ReferenceLink.objects.get()
    assert (link.url, link.status_code) == (cited_site.url("/missing"), 404)
    assert list(link.pages.all()) == [page.page_ptr]
    assert not other.reference_links.exists()


def test_publishing_checks_nothing_when_switched_off(
    cited_site, page_citing, django_capture_on_commit_callbacks
):
    page = page_citing(cited_site.url("/missing"), live=False)

    with django_capture_on_commit_callbacks(execute=True):
        publish_approved(page)

    assert not ReferenceLink.objects.exists()
    assert not cited_site.requests


@pytest.mark.parametrize("action", ["unpublish", "delete"])
def test_an_unpublished_or_deleted_page_stops_citing_at_once(
    action, page_citing, django_capture_on_commit_callbacks
):
    page = page_citing("https://example.org/only-here", "https://example.org/shared")
    other = page_citing("https://example.org/shared")
    for url in ("https://example.org/only-here", "https://example.org/shared"):
        link = ReferenceLink.objects.create(url=url, status_code=404)
        link.pages.add(page)
    ReferenceLink.objects.get(url="https://example.org/shared").pages.add(other)

    with django_capture_on_commit_callbacks(execute=True):
        getattr(page, action)()

    link = ReferenceLink.objects.get()
    assert link.url == "https://example.org/shared"
    assert list(link.pages.all()) == [other.page_ptr]
