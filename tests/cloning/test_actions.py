import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageLogEntry

from cms.cloning.actions import (
    CREATED_FROM_TEMPLATE,
    SECTION_COPIED,
    clone_condition,
    copy_section,
    save_as_template,
)
from cms.cloning.placeholders import find_left_placeholders
from cms.pages.models import ConditionPage
from cms.pages.publishing import MedicalReviewRequired
from tests.factories import ConditionPageFactory, approve, publish_approved

VALUES = {"condition": "Spinal Stenosis", "body_area": "lower back"}


def clone(template, parent, **kwargs):
    return clone_condition(template, values=dict(VALUES), parent=parent, **kwargs)


def test_clone_replaces_every_placeholder(template, condition_index):
    page = clone(template, condition_index)
    page = ConditionPage.objects.get(pk=page.pk)

    assert find_left_placeholders(page) == []
    assert (page.title, page.condition_name, page.slug) == (
        "Spinal Stenosis",
        "Spinal Stenosis",
        "spinal-stenosis",
    )
    assert page.short_summary == "About Spinal Stenosis."
    hero, rich_text, symptoms, cta = page.body
    assert hero.value["intro"] == "Spinal Stenosis (Spinal Stenosis) affects the lower back."
    assert hero.value["image"]["alt_text"] == "Drawing of the lower back"
    assert rich_text.value["body"].source == (
        "<p>Spinal Stenosis is <b>common</b> in the lower back.</p>"
    )
    assert list(symptoms.value["groups"][0]["items"]) == [
        "Pain",
        "Spinal Stenosis pain in the lower back",
    ]
    assert cta.value["heading"] == "Living with Spinal Stenosis"


def test_clone_keeps_images_and_link_targets(template, condition_index, image, linked_page):
    page = ConditionPage.objects.get(pk=clone(template, condition_index).pk)
    hero, _rich_text, _symptoms, cta = page.body
    assert hero.value["image"]["image"] == image
    assert cta.value["link"]["page"].specific == linked_page


def test_clone_has_fresh_ids(template, condition_index):
    page = ConditionPage.objects.get(pk=clone(template, condition_index).pk)
    raw = list(page.body.raw_data)
    template_ids = {"hero-id", "rich-text-id", "symptoms-id", "cta-id", "group-id", "item-1"}
    group = raw[2]["value"]["groups"][0]
    ids = {c["id"] for c in raw} | {group["id"]} | {i["id"] for i in group["value"]["items"]}
    assert len(ids) == 7
    assert not ids & template_ids


def test_clone_is_an_unreviewed_draft(template, condition_index):
    page = clone(template, condition_index)
    page.refresh_from_db()
    assert not page.live
    assert page.review.status == "never"
    assert not page.medical_approvals.exists()
    assert page.get_latest_revision() is not None


def test_clone_logs_the_template(template, condition_index, superuser):
    page = clone(template, condition_index, user=superuser)
    entry = PageLogEntry.objects.get(page=page, action=CREATED_FROM_TEMPLATE)
    assert entry.user == superuser
    assert entry.data["template"] == {"id": template.pk, "name": "Spine condition"}
    assert entry.message == "Created from the template “Spine condition”"


def test_defaults_may_refer_to_the_condition(template, condition_index):
    page = clone_condition(
        template,
        values={"condition": "Cauda Equina", "condition_short": "CE", "body_area": "leg"},
        parent=condition_index,
    )
    assert page.body[0].value["intro"] == "Cauda Equina (CE) affects the leg."


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"condition": "Sciatica"}, "body_area", "Give a value for “Body area”."),
        ({**VALUES, "colour": "red"}, "colour", "The template has no placeholder {{ colour }}"),
        ({**VALUES, "body_area": "{{ x }}"}, "body_area", "Values cannot contain"),
        ({"condition": " ", "body_area": "back"}, "condition", "Give a value"),
    ],
)
def test_bad_values_are_refused(template, condition_index, values, field, message):
    with pytest.raises(ValidationError) as caught:
        clone_condition(template, values=values, parent=condition_index)
    assert message in " ".join(caught.value.message_dict[field])
    assert not ConditionPage.objects.filter(slug="sciatica-2").exists()


def test_slug_collision_is_a_clear_error(template, condition_index):
    clone(template, condition_index)
    with pytest.raises(ValidationError) as caught:
        clone(template, condition_index)
    assert "already used" in caught.value.message_dict["slug"][0]
    assert clone(template, condition_index, slug="stenosis-2").slug == "stenosis-2"


def test_parent_must_be_a_condition_index(template, home_page, condition_index):
    with pytest.raises(ValidationError) as caught:
        clone(template, home_page)
    assert "parent" in caught.value.message_dict


def test_publish_is_refused_while_a_placeholder_is_left(make_template, condition_index):
    template = make_template(name="Broken", description="")
    template.body = [
        *template.body.raw_data,
        {"type": "faq", "id": "f", "value": {"heading": "Ask about {{ typo }}", "items": []}},
    ]
    template.save()
    page = clone_condition(template, values={**VALUES, "typo": "x"}, parent=condition_index)
    assert find_left_placeholders(page) == []

    page.body = [*page.body.raw_data, {"type": "faq", "value": {"heading": "{{ oops }}"}}]
    revision = page.save_revision()
    approve(page)  # the placeholder is the only objection left
    with pytest.raises(ValidationError) as caught:
        revision.publish()
    assert caught.value.messages == [
        "{{ oops }} is left in section 6 “FAQ”, field “Heading”. Replace it with real text first."
    ]
    page.refresh_from_db()
    assert not page.live


def test_clone_with_publish_is_refused_until_reviewed(template, condition_index, client):
    with pytest.raises(MedicalReviewRequired):
        clone(template, condition_index, publish=True)
    assert not ConditionPage.objects.filter(slug="spinal-stenosis").exists()

    page = clone(template, condition_index)
    publish_approved(page)
    response = client.get("/conditions/spinal-stenosis/")
    assert response.status_code == 200
    assert b"{{" not in response.content
    assert b"Relief for Spinal Stenosis" in response.content


def test_save_as_template_turns_words_into_placeholders(condition_index):
    page = ConditionPageFactory(
        parent=condition_index,
        title="Failed Back Surgery Syndrome",
        short_summary="FBSS is pain after surgery.",
        body__0__hero__heading="Relief for Failed Back Surgery Syndrome (FBSS)",
    )
    template = save_as_template(
        page,
        name="Spine",
        replacements={"Failed Back Surgery Syndrome": "condition", "FBSS": "condition_short"},
    )
    assert template.title == "{{ condition }}"
    assert template.short_summary == "{{ condition_short }} is pain after surgery."
    assert template.body[0].value["heading"] == "Relief for {{ condition }} ({{ condition_short }})"
    assert [p.key for p in template.placeholders.all()] == ["condition_short"]
    assert template.source_page.pk == page.pk


def test_save_as_template_keeps_link_addresses(condition_index):
    page = ConditionPageFactory(parent=condition_index, title="FBSS")
    page.body = [
        {
            "type": "rich_text",
            "value": {
                "heading": "About FBSS",
                "body": '<p>Read <a href="https://example.com/guides/FBSS">the FBSS guide</a>.</p>',
                "anchor": "",
            },
        }
    ]
    page.save_revision()

    template = save_as_template(page, name="Spine", replacements={"FBSS": "condition"})

    assert template.body[0].value["body"].source == (
        '<p>Read <a href="https://example.com/guides/FBSS">the {{ condition }} guide</a>.</p>'
    )


def test_save_as_template_refuses_a_duplicate_name(template, condition_index):
    page = ConditionPageFactory(parent=condition_index)
    with pytest.raises(ValidationError):
        save_as_template(page, name="spine CONDITION", replacements={})


def test_copy_section_appends_a_fresh_copy_to_the_target_draft(condition_index, superuser):
    source = ConditionPageFactory(parent=condition_index, body__0="faq", body__1="rich_text")
    target = ConditionPageFactory(parent=condition_index, body__0="hero")
    section = source.body[1]

    copy_section(source, section.id, target, user=superuser)

    draft = target.get_latest_revision_as_object()
    assert [b.block_type for b in draft.body] == ["hero", "rich_text"]
    assert draft.body[1].id != section.id
    assert draft.body[1].value["body"].source == section.value["body"].source
    assert PageLogEntry.objects.filter(page=target, action=SECTION_COPIED).exists()
    target.refresh_from_db()
    assert [b.block_type for b in target.body] == ["hero"]  # the live page is untouched


def test_copy_section_unknown_id(condition_index):
    source = ConditionPageFactory(parent=condition_index, body__0="faq")
    target = ConditionPageFactory(parent=condition_index)
    with pytest.raises(ValidationError):
        copy_section(source, "nope", target)
