"""The sections that ship with the product, registered through the same hook as any plugin."""

from wagtail import hooks

from cms.blocks import (
    CallToActionBlock,
    CauseListBlock,
    ConditionBasicsBlock,
    FAQBlock,
    HeroBlock,
    RichTextSectionBlock,
    SymptomListBlock,
    TreatmentTiersBlock,
)

CONDITION_ONLY = ["pages.ConditionPage"]


@hooks.register("register_page_sections", order=-100)
def register_core_sections(registry):
    registry.register("hero", HeroBlock())
    registry.register("condition_basics", ConditionBasicsBlock(), page_types=CONDITION_ONLY)
    registry.register("symptom_list", SymptomListBlock(), page_types=CONDITION_ONLY)
    registry.register("cause_list", CauseListBlock(), page_types=CONDITION_ONLY)
    registry.register("treatment_tiers", TreatmentTiersBlock(), page_types=CONDITION_ONLY)
    registry.register("call_to_action", CallToActionBlock())
    registry.register("rich_text", RichTextSectionBlock())
    registry.register("faq", FAQBlock())
