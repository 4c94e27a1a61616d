"""The section registry: plugins come in through the ``register_page_sections`` hook."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail import blocks, hooks

from cms.blocks import (
    DuplicateSectionError,
    MissingTemplateError,
    NotABlockError,
    SectionBlock,
    SectionRegistrationError,
    section_registry,
)
from cms.pages.models import ConditionPage, HomePage
from tests.factories import ConditionPageFactory, publish_approved

HOOK = "register_page_sections"


class CalloutBlock(SectionBlock):
    heading = blocks.CharBlock()
    body = blocks.RichTextBlock(required=False)

    class Meta:
        template = "blocks/rich_text.html"
        preview_value = {"heading": "Did you know?"}


def body_types(model):
    return set(model.body.field.stream_block.child_blocks)


def test_core_sections_are_registered_through_the_hook_first():
    core = [
        "hero",
        "condition_basics",
        "symptom_list",
        "cause_list",
        "treatment_tiers",
        "call_to_action",
        "rich_text",
        "faq",
    ]
    sections = list(section_registry)
    # The core hook runs with order=-100, so plugins' sections follow the core ones.
    assert [s.name for s in sections[: len(core)]] == core
    assert {s.origin for s in sections[: len(core)]} == {
        "cms.pages.wagtail_hooks.register_core_sections"
    }


def test_a_plugin_section_joins_the_page_body():
    def register(registry):
        registry.register("callout", CalloutBlock)  # a class is instantiated for the plugin

    assert "callout" not in body_types(ConditionPage)
    with hooks.register_temporarily(HOOK, register):
        assert "callout" in section_registry
        block = ConditionPage.body.field.stream_block.child_blocks["callout"]
        assert isinstance(block, CalloutBlock)
        assert block.name == "callout"
        assert "callout" in body_types(HomePage)
    assert "callout" not in body_types(ConditionPage)


def test_page_types_restrict_where_a_section_is_offered():
    def register(registry):
        registry.register("callout", CalloutBlock(), page_types=[ConditionPage])

    with hooks.register_temporarily(HOOK, register):
        assert "callout" in body_types(ConditionPage)
        assert "callout" not in body_types(HomePage)
        assert section_registry.get("callout").page_types == {"pages.conditionpage"}
    # The core condition-only sections follow the same rule.
    assert "symptom_list" in body_types(ConditionPage)
    assert "symptom_list" not in body_types(HomePage)
    assert "hero" in body_types(HomePage)


def test_page_types_accept_labels_but_not_other_objects():
    with hooks.register_temporarily(
        HOOK, lambda r: r.register("callout", CalloutBlock(), page_types=["pages.ConditionPage"])
    ):
        assert section_registry.get("callout").page_types == {"pages.conditionpage"}
    with (
        hooks.register_temporarily(
            HOOK, lambda r: r.register("callout", CalloutBlock(), page_types=[42])
        ),
        pytest.raises(SectionRegistrationError, match="page_types entries must be page models"),
    ):
        section_registry.scan()


def test_duplicate_name_fails_loudly_naming_both_plugins():
    def register_hero_again(registry):
        registry.register("hero", CalloutBlock())

    with hooks.register_temporarily(HOOK, register_hero_again):
        with pytest.raises(DuplicateSectionError) as caught:
            section_registry.scan()
    message = str(caught.value)
    assert "'hero' is registered twice" in message
    assert "cms.pages.wagtail_hooks.register_core_sections" in message
    assert "register_hero_again" in message
    # Once the broken plugin is gone, the registry serves the real sections again.
    assert isinstance(section_registry.get("hero").block, blocks.StructBlock)
    assert "hero" in body_types(ConditionPage)


@pytest.mark.parametrize("not_a_block", [object(), "blocks.CharBlock", dict])
def test_not_a_block_fails_loudly(not_a_block):
    with hooks.register_temporarily(HOOK, lambda r: r.register("callout", not_a_block)):
        with pytest.raises(NotABlockError, match="must be a Wagtail block instance or class"):
            section_registry.scan()


def test_block_without_template_fails_loudly():
    class NoTemplate(blocks.StructBlock):
        heading = blocks.CharBlock()

    with hooks.register_temporarily(HOOK, lambda r: r.register("callout", NoTemplate())):
        with pytest.raises(MissingTemplateError, match="has no Meta.template"):
            section_registry.scan()


def test_missing_template_file_fails_loudly():
    block = CalloutBlock(template="blocks/does_not_exist.html")
    with hooks.register_temporarily(HOOK, lambda r: r.register("callout", block)):
        with pytest.raises(MissingTemplateError, match="'blocks/does_not_exist.html'"):
            section_registry.scan()


@pytest.mark.parametrize("name", ["clinic-locations", "2col", ""])
def test_name_must_be_an_identifier(name):
    with hooks.register_temporarily(HOOK, lambda r: r.register(name, CalloutBlock())):
        with pytest.raises(SectionRegistrationError, match="valid Python identifier"):
            section_registry.scan()


def test_registration_errors_are_improperly_configured():
    # Django reports ImproperlyConfigured at start-up; PagesConfig.ready() scans the registry.
    for error in (DuplicateSectionError, MissingTemplateError, NotABlockError):
        assert issubclass(error, ImproperlyConfigured)


@pytest.mark.django_db
def test_plugin_section_renders_on_a_page(client, condition_index):
    with hooks.register_temporarily(HOOK, lambda r: r.register("callout", CalloutBlock())):
        page = ConditionPageFactory(parent=condition_index, body__0="hero")
        page.body.append(("callout", {"heading": "Did you know?", "body": None}))
        publish_approved(page)
        response = client.get(page.url)
    assert response.status_code == 200
    assert "<h2>Did you know?</h2>" in response.content.decode()
