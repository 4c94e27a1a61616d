import pytest
from django.template.loader import render_to_string

from cms.blocks import FigureBlock, image_api_representation
from cms.blocks.images import RENDITION_SPECS, RENDITION_WIDTHS
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def figure(image=None, alt_text=""):
    return FigureBlock().normalize({"image": image, "alt_text": alt_text})


@pytest.mark.parametrize("alt_text", ["", "   "])
def test_image_without_alt_text_is_rejected(clean_errors, alt_text):
    errors = clean_errors(FigureBlock(), figure(ImageFactory(), alt_text))
    assert errors == {"alt_text": ["Add alt text describing the chosen image."]}


def test_image_is_optional(clean_errors):
    assert clean_errors(FigureBlock(), figure()) == {}
    assert FigureBlock().get_api_representation(figure()) is None


def test_api_gives_renditions_and_srcset_not_an_id():
    image = ImageFactory(file__width=1600, file__height=900)
    data = FigureBlock().get_api_representation(figure(image, "A spine"))

    assert data["alt"] == "A spine"
    assert (data["width"], data["height"]) == (1600, 900)
    assert [r["width"] for r in data["renditions"]] == list(RENDITION_WIDTHS)
    for rendition in data["renditions"]:
        assert rendition["url"].startswith("http://testserver/")
        assert ".width-" in rendition["url"]
    assert data["src"] == data["renditions"][-1]["url"]
    assert data["srcset"] == ", ".join(f"{r['url']} {r['width']}w" for r in data["renditions"])
    assert data["focal_point"] is None


def test_focal_point_is_exposed_for_cropping():
    image = ImageFactory(
        focal_point_x=200, focal_point_y=150, focal_point_width=200, focal_point_height=200
    )
    data = image_api_representation(image, "alt")
    assert data["focal_point"] == {"x": 200, "y": 150, "width": 200, "height": 200}


def test_stream_loading_prefetches_renditions(django_assert_num_queries):
    """Images in a stream arrive with their renditions: rendering them costs no query."""
    images = [ImageFactory() for _ in range(3)]
    for image in images:
        image.get_renditions(*RENDITION_SPECS)  # created once, as on a page's first view

    block = FigureBlock()
    with django_assert_num_queries(2):  # the images, then all their renditions
        values = block.bulk_to_python([{"image": i.pk, "alt_text": "x"} for i in images])
    with django_assert_num_queries(0):
        for value in values:
            block.get_api_representation(value)
            render_to_string("blocks/figure.html", {"figure": value})


def test_renders_a_responsive_image_with_alt_text():
    value = figure(ImageFactory(), 'Drawing of a "spine"')
    html = render_to_string("blocks/figure.html", {"figure": value})
    assert 'alt="Drawing of a &quot;spine&quot;"' in html
    assert 'srcset="' in html
    for width in RENDITION_WIDTHS:
        assert f"{width}w" in html


def test_narrow_image_lists_each_width_once_and_src_is_the_largest():
    """Renditions never upscale: a 64px original gives one 64px source, not three."""
    data = image_api_representation(ImageFactory(file__width=64, file__height=32), "A dot")

    assert [(r["width"], r["height"]) for r in data["renditions"]] == [(64, 32)]
    assert data["srcset"] == f"{data['renditions'][0]['url']} 64w"
    assert data["src"] == data["renditions"][0]["url"]


def test_image_between_rendition_widths_keeps_width_order_and_largest_src():
    data = image_api_representation(ImageFactory(file__width=600, file__height=300), "alt")

    assert [r["width"] for r in data["renditions"]] == [480, 600]
    assert data["srcset"].count("600w") == 1
    assert data["src"] == data["renditions"][-1]["url"]


def test_template_srcset_matches_the_api_for_a_narrow_image():
    image = ImageFactory(file__width=64, file__height=32)
    value = figure(image, "A dot")
    html = render_to_string("blocks/figure.html", {"figure": value})
    data = FigureBlock().get_api_representation(value)
    path = data["renditions"][0]["url"].removeprefix("http://testserver")

    assert html.count("64w") == 1
    assert f'srcset="{path} 64w"' in html
    assert f'src="{path}"' in html
    assert 'width="64" height="32"' in html
