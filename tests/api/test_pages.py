"""Page detail over API v3 (and v2): everything a front-end needs, in one request."""

import pytest
from django.core.cache import cache
from wagtail.models import Page

from cms.api.cache import invalidate
from tests.factories import (
    ConditionPageFactory,
    FigureBlockFactory,
    HeroBlockFactory,
    ImageFactory,
    publish_approved,
)


def v3(page, **params):
    return f"/api/v3/pages/{page.pk}/"


@pytest.fixture
def page(make_linked_page):
    return make_linked_page(
        sections=3, seo_title="FBSS explained", search_description="What it is, how it is treated."
    )


def sections_by_type(body):
    return {section["type"]: section["value"] for section in body}


def test_detail_resolves_images_links_and_rich_text(client, page, link_targets):
    data = client.get(v3(page)).json()
    body = sections_by_type(data["body"])

    image = body["hero"]["image"]
    assert image["alt"].startswith("Description of")
    assert [r["url"].split(".")[-2] for r in image["renditions"]] == [
        "width-480",
        "width-800",
        "width-1200",
    ]
    assert image["src"] == image["renditions"][-1]["url"]
    assert image["srcset"].count("w,") == 2
    assert {"width", "height", "focal_point"} <= image.keys()

    link = body["hero"]["call_to_action"]
    assert link == {
        "label": "Go",
        "kind": "page",
        "href": "/conditions/target-0/",
        "page": {"id": link_targets[0].pk, "title": "Target 0", "path": "/conditions/target-0/"},
    }
    tier = body["treatment_tiers"]["tiers"][0]
    assert tier["intensity_label"] == "Conservative"
    assert tier["link"]["href"] == "/conditions/target-1/"
    assert body["rich_text"]["body"] == '<p>See <a href="/conditions/target-2/">Target 2</a>.</p>'


def test_detail_has_related_breadcrumbs_seo_and_jsonld(client, page, link_targets, rf):
    data = client.get(v3(page)).json()

    assert data["html_path"] == f"/conditions/{page.slug}/"
    assert [c["path"] for c in data["breadcrumbs"]] == ["/", "/conditions/"]
    assert data["related_conditions"] == [
        {
            "id": target.pk,
            "title": target.title,
            "condition_name": target.condition_name,
            "path": f"/conditions/{target.slug}/",
            "short_summary": target.short_summary,
        }
        for target in link_targets[:2]
    ]
    assert data["meta"]["seo_title"] == "FBSS explained"
    assert data["meta"]["search_description"] == "What it is, how it is treated."
    # The very object the HTML page embeds.
    assert data["jsonld"] == page.specific.jsonld(rf.get("/", HTTP_HOST="testserver"))
    assert data["jsonld"]["about"]["possibleTreatment"][0]["name"].startswith("Tier")


def test_unpublished_related_conditions_are_left_out(client, page, link_targets):
    link_targets[0].unpublish()
    data = client.get(v3(page)).json()
    assert [c["id"] for c in data["related_conditions"]] == [link_targets[1].pk]


def test_api_v2_serves_the_same_sections(client, page):
    v3_body = client.get(v3(page)).json()["body"]
    v2_data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert v2_data["body"] == v3_body
    assert v2_data["related_conditions"][0]["path"].startswith("/conditions/")
    assert v2_data["jsonld"]["@type"] == "MedicalWebPage"


@pytest.mark.parametrize("prefix", ["/api/v3/pages/find/", "/api/v2/pages/find/"])
def test_find_by_path_returns_the_page_itself(client, page, prefix):
    response = client.get(prefix, {"html_path": f"/conditions/{page.slug}/"})

    assert response.status_code == 200
    assert response.json()["id"] == page.pk
    assert response.json()["body"]
    assert response["Content-Location"].endswith(f"/pages/{page.pk}/")


def test_find_unknown_path_is_a_404(client, page):
    response = client.get("/api/v3/pages/find/", {"html_path": "/conditions/nope/"})
    assert response.status_code == 404


def test_find_keeps_representation_parameters(client, page):
    response = client.get(
        "/api/v3/pages/find/",
        {"html_path": f"/conditions/{page.slug}/", "rich_text_format": "db_html"},
    )
    body = sections_by_type(response.json()["body"])
    assert 'linktype="page"' in body["rich_text"]["body"]


#: Uncached detail of a page with images, page links and rich-text links, after ``cache.clear()``.
#: v3, 11: is the page live (its generation stamp was cleared), the view restrictions (once for
#: the whole request), the site, the page with its specific row, locale and medical review (one
#: query), its ancestors (breadcrumbs and parent), the site root paths (cleared with the cache),
#: the related conditions, the images and their renditions, the pages the sections choose or
#: link to, the clinic (JSON-LD publisher).
DETAIL_QUERIES = {"v3": 11, "v2": 17}
#: The same, as right after a publish (the page's cached JSON stale, nothing else): the
#: restrictions, the site and the clinic are kept between requests (``cms.pages.siteconfig``),
#: the stamp and the root paths are in the cache. Left: the page, its ancestors, the related
#: conditions, the images, their renditions and the linked pages.
AFTER_PUBLISH_QUERIES = 6


@pytest.mark.parametrize("sections", [5, 200])
def test_detail_after_a_publish_reads_only_the_page_and_what_it_shows(
    client, make_linked_page, django_assert_num_queries, sections
):
    page = make_linked_page(sections=sections)
    client.get(v3(page))
    invalidate([page.pk])
    with django_assert_num_queries(AFTER_PUBLISH_QUERIES):
        response = client.get(v3(page))
    assert response["X-Cache"] == "miss"
    assert len(response.json()["body"]) == sections


@pytest.mark.parametrize("api", ["v3", "v2"])
def test_detail_query_count_does_not_grow_with_sections(
    client, make_linked_page, django_assert_num_queries, api
):
    small, large = make_linked_page(sections=5), make_linked_page(sections=200)
    for page in (small, large):
        url = f"/api/{api}/pages/{page.pk}/"
        client.get(url)  # creates the renditions once, as the first visitor would
        cache.clear()  # measure a cache miss: the full render
        with django_assert_num_queries(DETAIL_QUERIES[api]):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.json()["body"]) in (5, 200)


def test_cache_hit_costs_no_query(client, page, django_assert_num_queries):
    client.get(v3(page))
    with django_assert_num_queries(0):
        response = client.get(v3(page))
    assert response["X-Cache"] == "hit"


def test_images_and_links_to_many_distinct_targets_are_loaded_in_bulk(
    client, condition_index, django_assert_num_queries
):
    targets = [ConditionPageFactory(parent=condition_index) for _ in range(12)]
    images = [ImageFactory(file__width=40, file__height=30) for _ in range(12)]
    page = ConditionPageFactory(parent=condition_index)
    page.body = [
        (
            "hero",
            HeroBlockFactory(
                image=FigureBlockFactory(image=image),
                call_to_action={"label": "Go", "page": target, "anchor": "", "url": ""},
            ),
        )
        for image, target in zip(images, targets, strict=True)
    ]
    publish_approved(page)
    client.get(v3(page))
    cache.clear()
    with django_assert_num_queries(DETAIL_QUERIES["v3"]):
        data = client.get(v3(page)).json()
    assert {s["value"]["call_to_action"]["page"]["id"] for s in data["body"]} == {
        t.pk for t in targets
    }
    assert Page.objects.filter(pk__in=[t.pk for t in targets]).count() == 12


def test_a_section_not_matching_its_schema_is_served_not_a_500(client, condition_index, caplog):
    """E.g. content saved before a plugin made a field required: the page stays up, it's logged."""
    page = ConditionPageFactory(parent=condition_index)
    page.body = [("hero", HeroBlockFactory())]
    publish_approved(page)
    raw = list(page.body.raw_data)
    raw[0]["value"]["heading"] = None  # as if stored before ``heading`` existed
    type(page).objects.filter(pk=page.pk).update(body=raw)

    response = client.get(v3(page))

    assert response.status_code == 200
    assert response.json()["body"][0]["value"]["heading"] is None
    assert "does not match its API schema" in caplog.text


def test_image_urls_use_the_origin_the_api_is_read_on(client, page, settings):
    # Behind the proxy the request's origin is the public one (PUBLIC_BASE_URL's host), never
    # a development address such as port 8000.
    settings.ALLOWED_HOSTS = ["conditions.example.org"]
    cache.clear()
    response = client.get(v3(page), HTTP_HOST="conditions.example.org", secure=True)
    image = sections_by_type(response.json()["body"])["hero"]["image"]
    assert image["src"].startswith("https://conditions.example.org/media/")


def test_the_live_review_is_read_from_the_stored_digest(client, page, monkeypatch):
    import cms.pages.reviewing

    def no_hashing(page):
        raise AssertionError("the live page's clinical sections were hashed")

    monkeypatch.setattr(cms.pages.reviewing, "clinical_fingerprint", no_hashing)
    cache.clear()
    assert client.get(v3(page)).json()["review"]["status"] == "reviewed"


def test_a_row_without_a_digest_has_its_review_worked_out(client, page):
    type(page).objects.filter(pk=page.pk).update(clinical_digest="")  # as rows saved before it
    cache.clear()
    assert client.get(v3(page)).json()["review"]["status"] == "reviewed"
