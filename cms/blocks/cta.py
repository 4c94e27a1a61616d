from wagtail import blocks

from .base import SectionBlock
from .links import LinkBlock


class CallToActionBlock(SectionBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=600)
    link = LinkBlock()

    class Meta:
        icon = "cogs"
        label = "Call to action"
        template = "blocks/call_to_action.html"
        description = "A short invitation with one button"
        preview_value = {
            "heading": "Let's get started",
            "text": "A few questions help us understand your pain.",
            "link": {"label": "Start", "url": "https://example.com/"},
        }
