import pytest
from wagtail import blocks, hooks

from cms.cloning.placeholders import (
    fill_text,
    find_left_placeholders,
    map_stream,
    placeholder_keys,
    words_to_placeholders,
)
from cms.pages.models import ConditionPage


def body_block():
    return ConditionPage._meta.get_field("body").stream_block


def test_fill_text_replaces_known_keys_and_keeps_unknown_ones():
    text = "{{ condition }} and {{condition_short}} but not {{ other }}"
    assert fill_text(text, {"condition": "Sciatica", "condition_short": "SC"}) == (
        "Sciatica and SC but not {{ other }}"
    )


def test_fill_text_escapes_values_in_html():
    assert fill_text("<p>{{ x }}</p>", {"x": "A & <B>"}, html=True) == "<p>A &amp; &lt;B&gt;</p>"
    assert fill_text("{{ x }}", {"x": "A & <B>"}) == "A & <B>"


def test_placeholder_keys_in_order_without_duplicates():
    assert placeholder_keys("{{ b }} {{ a }} {{ b }}") == ["b", "a"]


def test_words_to_placeholders_prefers_longer_words_and_whole_words():
    convert = words_to_placeholders(
        {"Failed Back Surgery Syndrome": "condition", "FBSS": "condition_short", "Back": "x"}
    )
    assert convert("Failed Back Surgery Syndrome (FBSS), not FBSSX; Back") == (
        "{{ condition }} ({{ condition_short }}), not FBSSX; {{ x }}"
    )
    assert convert("<p>A &amp; B</p>", html=True) == "<p>A &amp; B</p>"


def test_words_to_placeholders_matches_escaped_words_in_html():
    convert = words_to_placeholders({"Wear & tear": "cause"})
    assert convert("<p>Wear &amp; tear</p>", html=True) == "<p>{{ cause }}</p>"


def test_map_stream_reaches_every_string_and_renews_every_id(template):
    seen = []

    def visit(text, html, where):
        seen.append((text, html))
        return text.upper()

    raw = list(template.body.raw_data)
    out = map_stream(body_block(), raw, visit, fresh_ids=True)

    assert ("<p>{{ condition }} is <b>common</b> in the {{ body_area }}.</p>", True) in seen
    assert ("{{ condition_short }} pain in the {{ body_area }}", False) in seen
    assert ("Drawing of the {{ body_area }}", False) in seen
    item = out[2]["value"]["groups"][0]["value"]["items"][1]
    assert item["value"] == "{{ CONDITION_SHORT }} PAIN IN THE {{ BODY_AREA }}"
    ids = {c["id"] for c in out} | {item["id"], out[2]["value"]["groups"][0]["id"]}
    assert not ids & {"hero-id", "rich-text-id", "symptoms-id", "cta-id", "group-id", "item-2"}
    assert len(ids) == 6
    # Non-text values are untouched.
    assert out[0]["value"]["image"]["image"] == raw[0]["value"]["image"]["image"]
    assert out[3]["value"]["link"]["page"] == raw[3]["value"]["link"]["page"]


class QuoteBlock(blocks.StructBlock):
    """A plugin section with a nested struct list and rich text."""

    quotes = blocks.ListBlock(
        blocks.StructBlock([("text", blocks.RichTextBlock()), ("who", blocks.CharBlock())])
    )

    class Meta:
        template = "blocks/rich_text.html"


@pytest.fixture
def quote_plugin():
    def register(registry):
        registry.register("quotes", QuoteBlock(), page_types=["pages.ConditionPage"])

    with hooks.register_temporarily("register_page_sections", register):
        yield


def test_plugin_sections_are_walked_too(quote_plugin):
    raw = [
        {
            "type": "quotes",
            "id": "q",
            "value": {
                "quotes": [
                    {
                        "type": "item",
                        "id": "q1",
                        "value": {"text": "<p>{{ condition }} &amp; me</p>", "who": "{{ name }}"},
                    }
                ]
            },
        }
    ]
    out = map_stream(
        body_block(),
        raw,
        lambda text, html, where: fill_text(text, {"condition": "A<B", "name": "Jo"}, html),
        fresh_ids=True,
    )
    quote = out[0]["value"]["quotes"][0]
    assert quote["value"] == {"text": "<p>A&lt;B &amp; me</p>", "who": "Jo"}
    assert quote["id"] != "q1"


def test_find_left_placeholders_names_section_and_field(condition_index, template):
    page = ConditionPage(title="X {{ condition }}", condition_name="X", short_summary="s")
    page.body = list(template.body.raw_data)
    left = find_left_placeholders(page)
    messages = [str(item) for item in left]
    assert "{{ condition }} is left in field “Title”" in messages
    assert (
        "{{ body_area }} is left in section 3 “Symptom list”, "
        "field “Groups by body region › item 1 › Symptoms › item 2”"
    ) in messages
    assert ("body_area", "section 2 “Text”", "Body") in [(i.key, i.section, i.field) for i in left]


def test_words_to_placeholders_replaces_only_text_in_html():
    convert = words_to_placeholders({"FBSS": "condition_short"})
    html = (
        "<p>See <a href=\"https://example.com/FBSS\" title='FBSS > more'>FBSS care</a>"
        "<!-- FBSS --> for FBSS.</p>"
    )
    assert convert(html, html=True) == (
        "<p>See <a href=\"https://example.com/FBSS\" title='FBSS > more'>"
        "{{ condition_short }} care</a><!-- FBSS --> for {{ condition_short }}.</p>"
    )
