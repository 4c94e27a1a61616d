"""Rendering a condition page costs the same number of queries with 5 sections or 100."""

import pytest
from wagtail import blocks

from tests.factories import (
    CallToActionBlockFactory,
    ConditionPageFactory,
    HeroBlockFactory,
    ImageFactory,
    LinkBlockFactory,
    RichTextSectionBlockFactory,
    SymptomListBlockFactory,
    TreatmentTierBlockFactory,
    TreatmentTiersBlockFactory,
    publish_approved,
)

#: Queries to render a published condition page once its renditions exist: the site and the route
#: to the page (with view restrictions), related conditions, the clinic (header, footer, JSON-LD
#: publisher), then one query per kind of lookup in the body: images and their renditions per
#: image field, linked pages per page chooser, and the pages linked from all rich texts at once.
#: None of them is made once per section.
MAX_QUERIES = 20


def page_link(page):
    return LinkBlockFactory(label=f"About {page.title}", anchor="", page=page)


def section(index, target):
    """A section with an image and/or a link to another page, cycling through the kinds."""
    image = ImageFactory(file__width=120, file__height=80)
    kind = index % 5
    if kind == 0:
        return "hero", HeroBlockFactory(
            image__image=image, image__alt_text=f"Image {index}", call_to_action=page_link(target)
        )
    if kind == 1:
        tier = TreatmentTierBlockFactory(
            image__image=image, image__alt_text=f"Tier {index}", link=page_link(target)
        )
        return "treatment_tiers", TreatmentTiersBlockFactory(
            tiers=[tier, TreatmentTierBlockFactory()]
        )
    if kind == 2:
        return "call_to_action", CallToActionBlockFactory(link=page_link(target))
    if kind == 3:
        body = blocks.RichTextBlock().normalize(
            f'<p>See <a linktype="page" id="{target.pk}">{target.title}</a>.</p>'
        )
        return "rich_text", RichTextSectionBlockFactory(body=body)
    return "symptom_list", SymptomListBlockFactory()


@pytest.fixture
def page_with_sections(condition_index, client):
    def build(count):
        target = ConditionPageFactory(parent=condition_index, title="Sciatica")
        page = ConditionPageFactory(parent=condition_index, title=f"{count} sections")
        page.body = [section(i, target) for i in range(count)]
        page.related_conditions.set([target])
        publish_approved(page)
        # The first view creates the image renditions, as on a real site.
        assert client.get(page.url).status_code == 200
        return page

    return build


@pytest.mark.parametrize("count", [5, 100])
def test_query_count_does_not_grow_with_sections(
    client, page_with_sections, django_assert_max_num_queries, count
):
    page = page_with_sections(count)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<section id="section-') == count
    assert html.count('href="/conditions/sciatica/"') >= count - count // 5
    assert 'alt="Image 0"' in html
