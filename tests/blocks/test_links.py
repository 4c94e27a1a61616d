import pytest

from cms.blocks import CallToActionBlock, LinkBlock, OptionalLinkBlock
from tests.factories import CallToActionBlockFactory, ConditionPageFactory, LinkBlockFactory


def link(block=None, **targets):
    block = block or LinkBlock()
    return block.normalize({"label": "Go", "page": None, "anchor": "", "url": "", **targets})


def test_link_needs_a_target(clean_errors):
    errors = clean_errors(LinkBlock(), link())
    assert errors == {"page": ["Choose where the link goes: a page, an anchor or a URL."]}


def test_link_with_two_targets_names_them(clean_errors):
    errors = clean_errors(LinkBlock(), link(anchor="start", url="https://example.com/"))
    message = "Choose only one target: a page, an anchor or a URL, not anchor and url."
    assert errors == {"anchor": [message], "url": [message]}


@pytest.mark.parametrize("anchor", ["#start", "1st", "with space"])
def test_anchor_must_be_a_bare_id(clean_errors, anchor):
    errors = clean_errors(LinkBlock(), link(anchor=anchor))
    assert errors["anchor"] == [
        "Use the id of a section on this page without '#', e.g. 'get-started'."
    ]


def test_each_single_target_is_valid(clean_errors, condition_index):
    page = ConditionPageFactory(parent=condition_index)
    assert clean_errors(LinkBlock(), link(anchor="start")) == {}
    assert clean_errors(LinkBlock(), link(url="https://example.com/")) == {}
    assert clean_errors(LinkBlock(), link(page=page)) == {}


def test_label_is_required(clean_errors):
    errors = clean_errors(LinkBlock(), link(label="", anchor="start"))
    assert errors == {"label": ["This field is required."]}


def test_optional_link_may_be_empty_but_not_half_filled(clean_errors):
    block = OptionalLinkBlock()
    assert clean_errors(block, link(block, label="")) == {}
    assert clean_errors(block, link(block, label="", anchor="start")) == {
        "label": ["Give the link a label."]
    }
    assert "page" in clean_errors(block, link(block, label="More"))


def test_empty_optional_link_is_null_in_the_api():
    block = OptionalLinkBlock()
    assert block.get_api_representation(link(block, label="")) is None


def test_page_link_is_resolved_to_href_path_and_title(condition_index, api_context):
    target = ConditionPageFactory(parent=condition_index, title="Sciatica", slug="sciatica")
    data = LinkBlock().get_api_representation(link(page=target), api_context)
    assert data == {
        "label": "Go",
        "kind": "page",
        "href": "/conditions/sciatica/",
        "page": {"id": target.pk, "title": "Sciatica", "path": "/conditions/sciatica/"},
    }


@pytest.mark.parametrize(
    ("targets", "kind", "href"),
    [
        ({"anchor": "get-started"}, "anchor", "#get-started"),
        ({"url": "https://example.com/a"}, "url", "https://example.com/a"),
    ],
)
def test_anchor_and_url_links_in_the_api(targets, kind, href):
    data = LinkBlock().get_api_representation(link(**targets))
    assert data == {"label": "Go", "kind": kind, "href": href, "page": None}


def test_page_link_renders_as_an_anchor_element(condition_index):
    target = ConditionPageFactory(parent=condition_index, slug="sciatica")
    value = CallToActionBlockFactory(
        link=LinkBlockFactory(label="Read more", anchor="", page=target)
    )
    html = CallToActionBlock().render(value)
    assert '<a class="button" href="/conditions/sciatica/">Read more</a>' in html
