from cms.blocks import CallToActionBlock
from tests.factories import CallToActionBlockFactory, LinkBlockFactory


def test_factory_value_is_valid(clean_errors):
    assert clean_errors(CallToActionBlock(), CallToActionBlockFactory()) == {}


def test_heading_and_link_are_required(clean_errors):
    value = CallToActionBlockFactory(
        heading="", link=LinkBlockFactory(label="Start", anchor="", url="")
    )
    assert clean_errors(CallToActionBlock(), value) == {
        "heading": ["This field is required."],
        "link.page": ["Choose where the link goes: a page, an anchor or a URL."],
    }


def test_renders_heading_text_and_one_button():
    value = CallToActionBlockFactory(heading="Let's get started", text="A few questions.")
    html = CallToActionBlock().render(value)
    assert "<h2>Let&#x27;s get started</h2>" in html
    assert "<p>A few questions.</p>" in html
    assert html.count("<a ") == 1
    assert '<a class="button" href="#intake">Start</a>' in html


def test_api_resolves_the_link():
    value = CallToActionBlockFactory(
        link=LinkBlockFactory(label="Book", anchor="", url="https://example.com/")
    )
    data = CallToActionBlock().get_api_representation(value)
    assert data["link"] == {
        "label": "Book",
        "kind": "url",
        "href": "https://example.com/",
        "page": None,
    }
