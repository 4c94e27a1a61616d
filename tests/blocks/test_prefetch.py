"""Every image and page a page's sections refer to, loaded in one query per model."""

import pytest
from wagtail import blocks
from wagtail.models import Site

from cms.blocks.images import RENDITION_SPECS
from cms.blocks.prefetch import prefetch_references
from cms.edge.scope import request_scope
from cms.pages.models import ConditionPage
from tests.factories import (
    ConditionPageFactory,
    FigureBlockFactory,
    HeroBlockFactory,
    ImageFactory,
    LinkBlockFactory,
    RichTextSectionBlockFactory,
    TreatmentTierBlockFactory,
    TreatmentTiersBlockFactory,
)


@pytest.fixture
def page(condition_index):
    images = [ImageFactory() for _ in range(3)]
    for image in images:
        image.get_renditions(*RENDITION_SPECS)
    targets = [ConditionPageFactory(parent=condition_index) for _ in range(3)]
    link = f'<p><a linktype="page" id="{targets[2].pk}">Third</a></p>'
    page = ConditionPageFactory(parent=condition_index)
    page.body = [
        (
            "hero",
            HeroBlockFactory(
                image=FigureBlockFactory(image=images[0]),
                call_to_action=LinkBlockFactory(label="Go", anchor="", page=targets[0]),
            ),
        ),
        (
            "treatment_tiers",
            TreatmentTiersBlockFactory(
                tiers=[
                    TreatmentTierBlockFactory(
                        image=FigureBlockFactory(image=image),
                        link={"label": "More", "page": targets[1], "anchor": "", "url": ""},
                    )
                    for image in images[1:]
                ]
            ),
        ),
        ("rich_text", RichTextSectionBlockFactory(body=blocks.RichTextBlock().normalize(link))),
    ]
    page.save()
    return ConditionPage.objects.get(pk=page.pk)


def test_one_query_per_model_then_none(page, django_assert_num_queries):
    Site.get_site_root_paths()  # cached by Wagtail, as on any warm server
    with request_scope():
        # the images, their renditions, the pages chosen or linked from rich text
        with django_assert_num_queries(3):
            prefetch_references(page.body)
        with django_assert_num_queries(0):
            prefetch_references(page.body)  # once per body
            data = page.body.stream_block.get_api_representation(page.body, {})
    hero, tiers, text = (section["value"] for section in data)
    assert hero["image"]["renditions"] and hero["call_to_action"]["page"]["id"]
    assert all(tier["image"]["renditions"] for tier in tiers["tiers"])
    assert 'href="/conditions/' in text["body"]


def test_outside_a_request_blocks_load_their_own(page, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        prefetch_references(page.body)
    data = page.body.stream_block.get_api_representation(page.body, {})
    assert data[0]["value"]["call_to_action"]["page"]["id"]
