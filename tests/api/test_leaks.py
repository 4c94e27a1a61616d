"""Nothing unpublished or private reaches an anonymous client, whatever endpoint or parameter."""

import pytest
from wagtail.models import APIToken, PageViewRestriction

from tests.factories import ConditionPageFactory, RichTextSectionBlockFactory, publish_approved

SENTINEL = "draft-only-sentinel-7f3a"


@pytest.fixture
def published_with_draft(condition_index):
    page = ConditionPageFactory(parent=condition_index, title="Public title", slug="public")
    publish_approved(page)
    page.title = f"Title {SENTINEL}"
    page.short_summary = f"Summary {SENTINEL}"
    page.search_description = SENTINEL
    page.slug = f"slug-{SENTINEL}"
    page.body = [("rich_text", RichTextSectionBlockFactory(heading=SENTINEL))]
    page.save_revision()  # a draft, never published
    return page


@pytest.fixture
def never_published(condition_index):
    page = ConditionPageFactory(
        parent=condition_index, title=f"New {SENTINEL}", slug="unpublished", live=False
    )
    page.save_revision()
    return page


@pytest.fixture
def private_pages(condition_index):
    login_only = ConditionPageFactory(parent=condition_index, title="Staff only", slug="staff")
    PageViewRestriction.objects.create(page=login_only, restriction_type="login")
    password = ConditionPageFactory(parent=condition_index, title="Password", slug="password")
    PageViewRestriction.objects.create(page=password, restriction_type="password", password="x")
    return [login_only, password]


def anonymous_urls(page, path):
    return [
        "/api/v2/pages/?fields=*",
        "/api/v2/pages/?fields=*&type=pages.ConditionPage",
        f"/api/v2/pages/?search={SENTINEL}",
        f"/api/v2/pages/{page.pk}/?fields=*",
        f"/api/v2/pages/find/?html_path={path}",
        "/api/v3/pages/",
        "/api/v3/pages/?type=pages.ConditionPage",
        f"/api/v3/pages/?search={SENTINEL}",
        f"/api/v3/pages/{page.pk}/",
        f"/api/v3/pages/{page.pk}/?version=draft",
        f"/api/v3/pages/find/?html_path={path}",
        f"/api/v3/pages/find/?html_path={path}&version=draft",
        f"/api/v3/pages/find/?id={page.pk}&version=draft",
        f"/api/v3/pages/{page.pk}/revisions/",
        f"/api/v3/pages/{page.pk}/revisions/{page.latest_revision_id}/",
        "/api/v3/schema/",
        "/api/v3/routes/",
        "/api/v3/preview/?token=forged",
        f"/api/v3/pages/find/?html_path=/conditions/slug-{SENTINEL}/",
        "/api/v3/redirects/",
        "/api/v3/images/",
        "/api/v3/documents/",
    ]


def test_a_draft_never_leaks(client, editor_client, published_with_draft, never_published):
    for page in (published_with_draft, never_published):
        for url in anonymous_urls(page, f"/conditions/{page.slug}/"):
            response = client.get(url, follow=True)
            assert response.status_code < 500, url
            assert SENTINEL not in response.content.decode(), url


def test_a_session_does_not_unlock_drafts_in_api_v3(editor_client, published_with_draft):
    # API v3 authenticates with bearer tokens only; an admin session stays anonymous there.
    response = editor_client.get(f"/api/v3/pages/{published_with_draft.pk}/?version=draft")
    assert response.status_code == 200
    assert SENTINEL not in response.content.decode()


def test_the_live_version_is_served(client, published_with_draft):
    data = client.get(f"/api/v3/pages/{published_with_draft.pk}/?version=draft").json()
    assert data["title"] == "Public title"


def test_private_pages_are_in_no_listing_and_no_detail(client, private_pages):
    listings = [
        "/api/v2/pages/?limit=100",
        "/api/v3/pages/?limit=100",
        "/api/v3/pages/?type=pages.ConditionPage&limit=100",
        "/api/v3/routes/",
    ]
    for url in listings:
        body = client.get(url).content.decode()
        for page in private_pages:
            assert page.title not in body, url
    for page in private_pages:
        for url in (
            f"/api/v2/pages/{page.pk}/",
            f"/api/v3/pages/{page.pk}/",
            f"/api/v3/pages/find/?html_path=/conditions/{page.slug}/",
            f"/api/v2/pages/find/?html_path=/conditions/{page.slug}/",
        ):
            assert client.get(url).status_code == 404, url


def test_restricting_a_cached_page_stops_serving_it(client, condition_index):
    page = ConditionPageFactory(parent=condition_index, title="Soon private")
    url = f"/api/v3/pages/{page.pk}/"
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Cache"] == "hit"

    PageViewRestriction.objects.create(page=page, restriction_type="login")

    assert client.get(url).status_code == 404


def test_an_editor_token_does_see_the_draft_and_is_never_cached(
    client, editor, published_with_draft
):
    """The sentinel is really in the draft (so the tests above can fail), and a response made
    for a token holder is private."""
    _token, plaintext = APIToken.create_token(user=editor, name="front-end preview")
    url = f"/api/v3/pages/{published_with_draft.pk}/?version=draft"
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {plaintext}")

    assert SENTINEL in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert SENTINEL not in client.get(url).content.decode()
