from wagtail import blocks

from .base import SectionBlock
from .images import FigureBlock
from .links import LinkBlock


class HeroBlock(SectionBlock):
    heading = blocks.CharBlock(max_length=120, help_text="The page's main heading (its h1).")
    intro = blocks.TextBlock(max_length=600, help_text="One or two sentences under the heading.")
    tagline = blocks.CharBlock(
        required=False, max_length=200, help_text="Optional reassuring line above the button."
    )
    image = FigureBlock()
    call_to_action = LinkBlock(label="Primary call to action")

    class Meta:
        icon = "pick"
        label = "Hero"
        template = "blocks/hero.html"
        description = "The opening banner: main heading, intro, image and the primary button"
        preview_value = {
            "heading": "Relief for back pain after surgery",
            "intro": "Pain that continues after back surgery has causes that can be found and "
            "treated.",
            "tagline": "Think this sounds like you? Let's talk.",
            "call_to_action": {"label": "Get relief", "anchor": "get-started"},
        }
