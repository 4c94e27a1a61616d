"""Query counts never grow with content: for every registered section type (plugins included),
a page holding 20 copies costs the same queries as a page holding one, in API v3 detail and in
the public HTML.

Each copy is built from the block's own ``preview_value``, with its choosers filled in from
distinct objects (an image, a condition page and, for snippet choosers, a form per copy) and a
page link appended to its rich text, so nothing can be shared between copies by accident.
"""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.api.cache import invalidate
from cms.blocks import section_registry
from cms.pages.models import ConditionPage
from tests.factories import ConditionPageFactory, ImageFactory, publish_approved
from tests.intake.factories import SPINE_ROWS, build_form

PAGE_TYPE = ConditionPage._meta.label_lower

#: How to make a distinct object for each model a snippet chooser of a section can pick.
SNIPPET_FACTORIES = {"intake.intakeform": lambda: build_form(SPINE_ROWS)}


def section_names():
    return [section.name for section in section_registry.sections_for(PAGE_TYPE)]


def test_every_registered_section_is_measured():
    every = {section.name for section in section_registry}
    assert every == set(section_names()), "a section not allowed on condition pages"
    assert "intake_form" in every and "testimonial" in every


class DistinctObjects:
    """Fills a section's raw value with objects no other copy uses."""

    def __init__(self, parent):
        self.parent = parent

    def page(self):
        return ConditionPageFactory(parent=self.parent)

    def fill(self, block, raw):
        if isinstance(block, ImageChooserBlock):
            return ImageFactory(file__width=1300, file__height=700).pk
        if isinstance(block, SnippetChooserBlock):
            return SNIPPET_FACTORIES[block.model_class._meta.label_lower]().pk
        if isinstance(block, blocks.PageChooserBlock):
            return self.page().pk
        if isinstance(block, blocks.RichTextBlock):
            target = self.page()
            return f'{raw or ""}<p><a linktype="page" id="{target.pk}">{target.title}</a></p>'
        if isinstance(block, blocks.StructBlock):
            raw = dict(raw or {})
            for name, child in block.child_blocks.items():
                raw[name] = self.fill(child, raw.get(name))
            if "alt_text" in block.child_blocks and raw.get("image"):
                raw["alt_text"] = raw.get("alt_text") or "A description"
            return raw
        if isinstance(block, blocks.ListBlock):
            items = list(raw or []) or [
                {
                    "type": "item",
                    "value": block.child_block.get_prep_value(block.child_block.get_default()),
                }
            ]
            return [
                {**item, "value": self.fill(block.child_block, item["value"])}
                if isinstance(item, dict) and "value" in item
                else self.fill(block.child_block, item)
                for item in items
            ]
        if isinstance(block, blocks.StreamBlock):
            return [
                {**child, "value": self.fill(block.child_blocks[child["type"]], child["value"])}
                for child in raw or []
            ]
        return raw


def copies(block, count, parent):
    objects = DistinctObjects(parent)
    preview = block.get_prep_value(block.get_preview_value())
    return [{"type": block.name, "value": objects.fill(block, preview)} for _ in range(count)]


def page_with(section_name, count, parent):
    block = section_registry.get(section_name).block
    page = ConditionPageFactory(parent=parent, body=[])
    page.body = copies(block, count, parent)
    publish_approved(page)
    page.refresh_from_db()
    return page


def uncached_request(client, url, page, counting):
    """As right after a publish: renditions exist (a warm-up request made them) and the page's
    cached responses are stale. Only the second request is counted."""
    assert client.get(url).status_code == 200
    invalidate([page.pk])
    with counting:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]


@pytest.mark.parametrize("section_name", section_names())
@pytest.mark.parametrize("kind", ["api", "html"])
def test_queries_do_not_grow_with_copies(
    client, condition_index, section_name, kind, django_assert_num_queries
):
    def url(page):
        return f"/api/v3/pages/{page.pk}/" if kind == "api" else page.url

    one = page_with(section_name, 1, condition_index)
    captured = CaptureQueriesContext(connection)
    uncached_request(client, url(one), one, captured)
    twenty = page_with(section_name, 20, condition_index)
    uncached_request(
        client, url(twenty), twenty, django_assert_num_queries(len(captured.captured_queries))
    )


def test_copies_are_distinct(condition_index):
    """The builder really gives every copy its own objects."""
    page = page_with("intake_form", 3, condition_index)
    forms = {section.value["form"].pk for section in page.body}
    assert len(forms) == 3
    assert apps.get_model("intake", "IntakeForm").objects.count() >= 3
