import pytest
from wagtail import blocks

from cms.blocks import FAQBlock, RichTextSectionBlock
from tests.factories import (
    ConditionPageFactory,
    FAQBlockFactory,
    QuestionBlockFactory,
    RichTextSectionBlockFactory,
)


def rich(html):
    return blocks.RichTextBlock().normalize(html)


def test_rich_text_needs_a_body(clean_errors):
    value = RichTextSectionBlockFactory(body=rich(""))
    assert clean_errors(RichTextSectionBlock(), value) == {"body": ["This field is required."]}


def test_rich_text_heading_is_optional():
    html = RichTextSectionBlock().render(
        RichTextSectionBlockFactory(heading="", body=rich("<p>Plain words.</p>"))
    )
    assert "<h2>" not in html
    assert "<p>Plain words.</p>" in html


@pytest.mark.django_db
def test_rich_text_page_links_are_resolved_in_html_and_api(condition_index, api_context):
    target = ConditionPageFactory(parent=condition_index, slug="sciatica")
    value = RichTextSectionBlockFactory(
        body=rich(f'<p>See <a linktype="page" id="{target.pk}">sciatica</a>.</p>')
    )
    html = RichTextSectionBlock().render(value)
    assert '<a href="/conditions/sciatica/">sciatica</a>' in html
    data = RichTextSectionBlock().get_api_representation(value, api_context)
    assert 'href="/conditions/sciatica/"' in data["body"]
    assert "linktype" not in data["body"]


def test_faq_needs_a_question_with_an_answer(clean_errors):
    empty = FAQBlock().normalize({"heading": "FAQ", "items": []})
    assert clean_errors(FAQBlock(), empty)["items"] == ["The minimum number of items is 1"]
    value = FAQBlockFactory(items=[QuestionBlockFactory(question="", answer=rich(""))])
    assert clean_errors(FAQBlock(), value) == {
        "items.0.question": ["This field is required."],
        "items.0.answer": ["This field is required."],
    }


def test_faq_renders_disclosure_widgets():
    value = FAQBlockFactory(
        heading="Questions",
        items=[QuestionBlockFactory(question="Is it treatable?", answer=rich("<p>Often.</p>"))],
    )
    html = FAQBlock().render(value)
    assert "<h2>Questions</h2>" in html
    assert "<summary><h3>Is it treatable?</h3></summary>" in html
    assert "<p>Often.</p>" in html


def test_faq_api_representation():
    value = FAQBlockFactory(
        items=[QuestionBlockFactory(question="Is it treatable?", answer=rich("<p>Often.</p>"))]
    )
    data = FAQBlock().get_api_representation(value)
    assert data["items"] == [{"question": "Is it treatable?", "answer": "<p>Often.</p>"}]
