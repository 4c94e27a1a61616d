import pytest

from cms.blocks import HeroBlock
from tests.factories import ConditionPageFactory, HeroBlockFactory, ImageFactory, LinkBlockFactory


def test_factory_value_is_valid(clean_errors):
    assert clean_errors(HeroBlock(), HeroBlockFactory()) == {}


def test_heading_intro_and_call_to_action_are_required(clean_errors):
    value = HeroBlockFactory(heading="", intro="", call_to_action=LinkBlockFactory(label=""))
    errors = clean_errors(HeroBlock(), value)
    assert errors["heading"] == ["This field is required."]
    assert errors["intro"] == ["This field is required."]
    assert errors["call_to_action.label"] == ["This field is required."]


@pytest.mark.django_db
def test_image_needs_alt_text(clean_errors):
    value = HeroBlockFactory(image__image=ImageFactory(), image__alt_text="")
    errors = clean_errors(HeroBlock(), value)
    assert errors == {"image.alt_text": ["Add alt text describing the chosen image."]}


def test_call_to_action_needs_exactly_one_target(clean_errors):
    value = HeroBlockFactory(call_to_action__url="https://example.com/")
    errors = clean_errors(HeroBlock(), value)
    assert errors["call_to_action.anchor"] == [
        "Choose only one target: a page, an anchor or a URL, not anchor and url."
    ]


@pytest.mark.django_db
def test_renders_the_page_heading_intro_button_and_image():
    value = HeroBlockFactory(
        heading="Relief after surgery",
        intro="Pain that continues can be treated.",
        tagline="Let's talk.",
        image__image=ImageFactory(),
        image__alt_text="A calm spine",
    )
    html = HeroBlock().render(value)
    assert "<h1>Relief after surgery</h1>" in html
    assert '<p class="lead">Pain that continues can be treated.</p>' in html
    assert "Let&#x27;s talk." in html
    assert '<a class="button" href="#get-started">Get relief</a>' in html
    assert 'alt="A calm spine"' in html
    assert "srcset=" in html


def test_renders_no_figure_without_an_image():
    assert "<figure" not in HeroBlock().render(HeroBlockFactory())


def test_api_resolves_image_and_page_link(condition_index, api_context):
    target = ConditionPageFactory(parent=condition_index, slug="sciatica", title="Sciatica")
    value = HeroBlockFactory(
        image__image=ImageFactory(),
        image__alt_text="A calm spine",
        call_to_action=LinkBlockFactory(label="Read on", anchor="", page=target),
    )
    data = HeroBlock().get_api_representation(value, api_context)
    assert data["heading"] == "Relief for back pain"
    assert data["image"]["alt"] == "A calm spine"
    assert data["image"]["srcset"]
    assert data["call_to_action"] == {
        "label": "Read on",
        "kind": "page",
        "href": "/conditions/sciatica/",
        "page": {"id": target.pk, "title": "Sciatica", "path": "/conditions/sciatica/"},
    }
    assert not data["anchor"]
