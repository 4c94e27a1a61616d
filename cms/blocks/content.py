from django.template.loader import render_to_string
from wagtail import blocks
from wagtail.rich_text import RichText, expand_db_html

from .base import SectionBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class _LinkBatch:
    """Expands the links of many rich texts in one pass: one query per link type, not per text.

    Wagtail's rewriter already batches the links inside one text; joining the texts of a whole
    stream lets a page with 100 rich-text sections cost the same queries as a page with one.
    """

    BOUNDARY = "<!-- rich-text-boundary -->"

    def __init__(self, sources):
        self.sources = sources
        self._expanded = None

    def expanded(self, index):
        if self._expanded is None:
            parts = expand_db_html(self.BOUNDARY.join(self.sources)).split(self.BOUNDARY)
            if len(parts) != len(self.sources):  # a text contained the boundary itself
                parts = [expand_db_html(source) for source in self.sources]
            self._expanded = parts
        return self._expanded[index]


class BatchedRichText(RichText):
    """A ``RichText`` whose links are expanded together with its stream's other rich texts."""

    def __init__(self, source, batch, index):
        super().__init__(source)
        self._batch = batch
        self._index = index

    def __html__(self):
        html = self._batch.expanded(self._index)
        return render_to_string("wagtailcore/shared/richtext.html", {"html": html})


class LinkPrefetchingRichTextBlock(blocks.RichTextBlock):
    """A rich text block whose values, loaded together, expand their page links together."""

    def bulk_to_python(self, values):
        sources = [value or "" for value in values]
        batch = _LinkBatch(sources)
        return [BatchedRichText(source, batch, i) for i, source in enumerate(sources)]


class RichTextSectionBlock(SectionBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    body = LinkPrefetchingRichTextBlock(features=RICH_TEXT_FEATURES)

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
    answer = LinkPrefetchingRichTextBlock(features=["bold", "italic", "ol", "ul", "link"])


class FAQBlock(SectionBlock):
    heading = blocks.CharBlock(max_length=120, default="Frequently asked questions")
    items = blocks.ListBlock(QuestionBlock(), min_num=1, label="Questions")

    class Meta:
        icon = "help"
        label = "FAQ"
        clinical = True
        template = "blocks/faq.html"
        description = "Questions and answers"
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [{"question": "Is it treatable?", "answer": "<p>Usually, yes.</p>"}],
        }
