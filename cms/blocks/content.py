from wagtail import blocks

from .base import SectionBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class RichTextSectionBlock(SectionBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = "Text"
        template = "blocks/rich_text.html"
        description = "Free text with an optional heading"
        preview_value = {
            "heading": "What is this condition?",
            "body": "<p>A short explanation in plain words.</p>",
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "ol", "ul", "link"])


class FAQBlock(SectionBlock):
    heading = blocks.CharBlock(max_length=120, default="Frequently asked questions")
    items = blocks.ListBlock(QuestionBlock(), min_num=1, label="Questions")

    class Meta:
        icon = "help"
        label = "FAQ"
        template = "blocks/faq.html"
        description = "Questions and answers"
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [{"question": "Is it treatable?", "answer": "<p>Usually, yes.</p>"}],
        }
