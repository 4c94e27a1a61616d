"""SectionsField: section ids survive saves, and plugins never need a migration."""

import pytest
from wagtail import blocks, hooks
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.blocks import SectionBlock
from cms.pages.models import ConditionPage
from tests.factories import ConditionPageFactory, publish_approved

pytestmark = pytest.mark.django_db


def section_ids(page):
    return [child.id for child in ConditionPage.objects.get(pk=page.pk).body]


def test_ids_are_stable_across_saves_and_publishing(condition_index):
    page = ConditionPageFactory(
        parent=condition_index, body__0="hero", body__1="symptom_list", body__2="faq"
    )
    ids = section_ids(page)
    assert len(ids) == 3
    assert all(ids)
    assert len(set(ids)) == 3

    page = ConditionPage.objects.get(pk=page.pk)
    page.title = "Renamed"
    page.save()
    assert section_ids(page) == ids

    publish_approved(page)
    assert section_ids(page) == ids
    latest = ConditionPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert [child.id for child in latest.body] == ids


def test_ids_are_stable_through_an_admin_edit(admin_client, condition_index):
    page = ConditionPageFactory(
        parent=condition_index, title="Sciatica", body__0="rich_text", body__1="call_to_action"
    )
    ids = section_ids(page)

    body = streamfield(
        [
            (
                "rich_text",
                {"heading": "Edited", "body": rich_text("<p>New words.</p>"), "anchor": ""},
            ),
            (
                "call_to_action",
                {
                    "heading": "Start",
                    "text": "",
                    "link": {"label": "Go", "page": "", "anchor": "intake", "url": ""},
                    "anchor": "",
                },
            ),
        ]
    )
    # The editor posts each section's id back, as Wagtail's StreamField widget does.
    for index, section_id in enumerate(ids):
        body[f"{index}-id"] = section_id
    data = nested_form_data(
        {
            "title": "Sciatica",
            "slug": page.slug,
            "condition_name": "Sciatica",
            "short_summary": "Leg pain from an irritated nerve.",
            "body": body,
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors

    # A clinical edit: kept as a draft until a medical reviewer approves it.
    page = ConditionPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert page.body[0].value["heading"] == "Edited"
    assert section_ids(page) == ids


def test_field_deconstructs_the_same_whatever_is_registered():
    """Installing or removing a plugin never produces a migration for cms/pages."""

    class CalloutBlock(SectionBlock):
        heading = blocks.CharBlock()

        class Meta:
            template = "blocks/rich_text.html"

    field = ConditionPage._meta.get_field("body")
    before = field.deconstruct()
    with hooks.register_temporarily(
        "register_page_sections", lambda r: r.register("callout", CalloutBlock())
    ):
        assert "callout" in field.stream_block.child_blocks
        assert field.deconstruct() == before
    assert before[1] == "cms.blocks.fields.SectionsField"
    assert before[2] == []
