"""Which changes to a condition page are clinical (need a new medical review) and which are not."""

import copy

import pytest
from wagtail import blocks

from cms.blocks import SectionBlock, section_registry
from cms.pages.clinical import (
    clinical_changes,
    clinical_content,
    clinical_fingerprint,
    is_clinical_block,
)
from cms.pages.models import ConditionPage
from tests.factories import ConditionPageFactory, publish_approved

CORE_CLINICAL = {"condition_basics", "symptom_list", "cause_list", "treatment_tiers", "faq"}


@pytest.fixture
def sciatica(condition_index):
    return ConditionPageFactory(
        parent=condition_index,
        title="Sciatica",
        body__0="hero",
        body__1="symptom_list",
        body__2="cause_list",
        body__3="call_to_action",
        body__4="faq",
    )


def edited(page, change):
    """A copy of ``page`` with ``change(stream data)`` applied to its body."""
    other = ConditionPage.objects.get(pk=page.pk)
    data = copy.deepcopy(list(page.body.get_prep_value()))
    change(data)
    other.body = data
    return other


def section(data, block_type):
    return next(item for item in data if item["type"] == block_type)


def test_the_core_sections_that_make_medical_claims_are_clinical():
    clinical = {s.name for s in section_registry if is_clinical_block(s.block)}
    assert CORE_CLINICAL <= clinical
    assert not {"hero", "call_to_action", "rich_text"} & clinical


def test_a_plugin_section_declares_itself_clinical_in_its_meta():
    class EvidenceBlock(SectionBlock):
        heading = blocks.CharBlock()

        class Meta:
            clinical = True

    assert is_clinical_block(EvidenceBlock())
    assert not is_clinical_block(SectionBlock())


def test_non_clinical_changes_keep_the_fingerprint(sciatica):
    def change_cta_and_hero(data):
        section(data, "call_to_action")["value"]["link"]["label"] = "Book a call"
        section(data, "hero")["value"]["heading"] = "New heading"

    other = edited(sciatica, change_cta_and_hero)
    other.seo_title = "Something else"
    assert clinical_changes(sciatica, other) == []
    assert clinical_fingerprint(sciatica) == clinical_fingerprint(other)


def test_fresh_item_ids_are_not_a_change(sciatica):
    def new_ids(data):
        for item in section(data, "symptom_list")["value"]["groups"]:
            item["id"] = "00000000-0000-0000-0000-000000000000"

    assert clinical_fingerprint(edited(sciatica, new_ids)) == clinical_fingerprint(sciatica)


def test_the_rich_text_editors_paragraph_keys_are_not_a_change(sciatica):
    def keyed_answers(data):
        for item in section(data, "faq")["value"]["items"]:
            answer = item["value"]["answer"]
            item["value"]["answer"] = answer.replace("<p>", '<p data-block-key="a1b2c">')

    keyed = edited(sciatica, keyed_answers)
    assert "data-block-key" in str(keyed.body.get_prep_value())
    assert clinical_fingerprint(keyed) == clinical_fingerprint(sciatica)

    def changed_answer(data):
        section(data, "faq")["value"]["items"][0]["value"]["answer"] = "<p>Different.</p>"

    assert clinical_fingerprint(edited(sciatica, changed_answer)) != clinical_fingerprint(sciatica)


def test_a_changed_symptom_is_clinical(sciatica):
    def change_symptom(data):
        section(data, "symptom_list")["value"]["groups"][0]["value"]["items"] = ["Foot drop"]

    other = edited(sciatica, change_symptom)
    assert clinical_changes(sciatica, other) == ["the “Symptom list” section"]
    assert clinical_fingerprint(sciatica) != clinical_fingerprint(other)


def test_reordered_clinical_sections_are_a_change(sciatica):
    def swap(data):
        causes = section(data, "cause_list")
        data.remove(causes)
        data.insert(1, causes)

    assert clinical_changes(sciatica, edited(sciatica, swap)) == [
        "the “Cause list” section",
        "the “Symptom list” section",
    ]


def test_a_removed_clinical_section_is_a_change(sciatica):
    def remove_faq(data):
        data.remove(section(data, "faq"))

    assert clinical_changes(sciatica, edited(sciatica, remove_faq)) == ["the “FAQ” section"]


@pytest.mark.parametrize(
    "field", ["title", "condition_name", "also_known_as", "short_summary", "body_area"]
)
def test_every_clinical_page_field_is_covered(sciatica, field):
    other = ConditionPage.objects.get(pk=sciatica.pk)
    setattr(other, field, getattr(other, field) + " changed")
    changes = clinical_changes(sciatica, other)
    assert changes == [str(ConditionPage._meta.get_field(field).verbose_name)]
    assert field in clinical_content(other)["fields"]


def test_a_saved_row_carries_its_clinical_digest(sciatica):
    row = ConditionPage.objects.get(pk=sciatica.pk)
    assert row.clinical_digest == clinical_fingerprint(row)


def test_saving_other_fields_alone_keeps_the_digest_and_saving_content_renews_it(sciatica):
    before = sciatica.clinical_digest
    ConditionPage.objects.filter(pk=sciatica.pk).update(clinical_digest="stale")
    sciatica.seo_title = "Sciatica explained"
    sciatica.save(update_fields=["seo_title"])
    assert ConditionPage.objects.get(pk=sciatica.pk).clinical_digest == "stale"

    sciatica.condition_name = "Sciatic nerve pain"
    sciatica.save(update_fields=["condition_name"])

    row = ConditionPage.objects.get(pk=sciatica.pk)
    assert row.clinical_digest == clinical_fingerprint(row) != before


def test_publishing_a_revision_renews_the_digest_and_a_revision_claims_none(sciatica):
    publish_approved(sciatica)
    draft = ConditionPage.objects.get(pk=sciatica.pk)
    draft.condition_name = "Sciatic nerve pain"
    revision = draft.save_revision()

    assert revision.as_object().clinical_digest == ""  # its content is not the row's
    assert ConditionPage.objects.get(pk=sciatica.pk).clinical_digest == sciatica.clinical_digest

    publish_approved(revision.as_object())

    row = ConditionPage.objects.get(pk=sciatica.pk)
    assert row.condition_name == "Sciatic nerve pain"
    assert row.clinical_digest == clinical_fingerprint(row) != sciatica.clinical_digest


def test_line_breaks_posted_by_a_browser_are_not_a_clinical_change(sciatica):
    sciatica.also_known_as = "Sciatic pain\nLumbar radiculopathy"
    from_the_editor = ConditionPage.objects.get(pk=sciatica.pk)
    from_the_editor.also_known_as = "Sciatic pain\r\nLumbar radiculopathy"

    assert clinical_fingerprint(from_the_editor) == clinical_fingerprint(sciatica)
    assert clinical_changes(sciatica, from_the_editor) == []
