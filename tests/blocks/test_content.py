import pytest
from wagtail import blocks
from wagtail.models import Site

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


@pytest.mark.django_db
def test_rich_texts_of_a_stream_expand_their_page_links_together(
    condition_index, django_assert_num_queries
):
    pages = [ConditionPageFactory(parent=condition_index, slug=f"c{i}") for i in range(3)]
    block = RichTextSectionBlock().child_blocks["body"]
    values = block.bulk_to_python(
        [f'<p><a linktype="page" id="{page.pk}">{page.title}</a></p>' for page in pages]
    )
    Site.get_site_root_paths()  # cached per site, not per link
    with django_assert_num_queries(2):  # the pages' types, then the specific pages
        html = [str(value) for value in values]
    assert [f'href="/conditions/c{i}/"' in h for i, h in enumerate(html)] == [True] * 3
    # The stored form is untouched, so the editor still sees page links, not plain URLs.
    assert all('linktype="page"' in value.source for value in values)
