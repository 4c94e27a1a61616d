"""Stock Wagtail: the FBSS shape in plain StructBlocks, no custom serialisation or templates."""

from wagtail import blocks
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page


class Link(blocks.StructBlock):
    label = blocks.CharBlock()
    page = blocks.PageChooserBlock(required=False)
    anchor = blocks.CharBlock(required=False)
    url = blocks.URLBlock(required=False)


class Figure(blocks.StructBlock):
    image = ImageChooserBlock(required=False)
    alt_text = blocks.CharBlock(required=False)


class Section(blocks.StructBlock):
    anchor = blocks.CharBlock(required=False)


class Hero(Section):
    heading = blocks.CharBlock()
    intro = blocks.TextBlock()
    tagline = blocks.CharBlock(required=False)
    image = Figure()
    call_to_action = Link()


class Outlook(blocks.StructBlock):
    level = blocks.CharBlock()
    text = blocks.TextBlock(required=False)


class Basics(Section):
    heading = blocks.CharBlock()
    symptoms = blocks.ListBlock(blocks.CharBlock())
    causes = blocks.ListBlock(blocks.CharBlock())
    treatments = blocks.ListBlock(blocks.CharBlock())
    recovery_outlook = Outlook()


class SymptomGroup(blocks.StructBlock):
    region = blocks.CharBlock()
    custom_label = blocks.CharBlock(required=False)
    description = blocks.TextBlock(required=False)
    items = blocks.ListBlock(blocks.CharBlock())


class Symptoms(Section):
    heading = blocks.CharBlock()
    intro = blocks.TextBlock(required=False)
    groups = blocks.ListBlock(SymptomGroup())
    warning = blocks.TextBlock(required=False)


class Cause(blocks.StructBlock):
    title = blocks.CharBlock()
    description = blocks.TextBlock()


class Causes(Section):
    heading = blocks.CharBlock()
    intro = blocks.TextBlock(required=False)
    causes = blocks.ListBlock(Cause())
    less_common_causes = blocks.TextBlock(required=False)


class Tier(blocks.StructBlock):
    name = blocks.CharBlock()
    intensity = blocks.CharBlock()
    description = blocks.TextBlock()
    examples = blocks.ListBlock(blocks.CharBlock())
    relief_notes = blocks.TextBlock(required=False)
    recovery_notes = blocks.TextBlock(required=False)
    image = Figure()
    link = Link(required=False)


class Tiers(Section):
    heading = blocks.CharBlock()
    intro = blocks.TextBlock(required=False)
    tiers = blocks.ListBlock(Tier())


class CallToAction(Section):
    heading = blocks.CharBlock()
    text = blocks.TextBlock()
    link = Link()


class RichText(Section):
    heading = blocks.CharBlock(required=False)
    body = blocks.RichTextBlock()


class Question(blocks.StructBlock):
    question = blocks.CharBlock()
    answer = blocks.RichTextBlock()


class FAQ(Section):
    heading = blocks.CharBlock()
    items = blocks.ListBlock(Question())


class StockConditionPage(Page):
    body = StreamField(
        [
            ("hero", Hero()),
            ("condition_basics", Basics()),
            ("symptom_list", Symptoms()),
            ("cause_list", Causes()),
            ("treatment_tiers", Tiers()),
            ("call_to_action", CallToAction()),
            ("rich_text", RichText()),
            ("faq", FAQ()),
        ],
        blank=True,
    )
    api_fields = [APIField("body")]
    template = "baseline/page.html"
