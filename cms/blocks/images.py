"""Images inside sections: an image with required alt text, served as srcset renditions."""

from functools import cached_property
from operator import attrgetter

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import Filter

from cms.edge.scope import remembered

from .api_types import SectionImage
from .prefetch import IMAGES, from_loaded, load

#: Rendition widths offered to templates and the API (``srcset``).
RENDITION_WIDTHS = (480, 800, 1200)
RENDITION_SPECS = tuple(f"width-{w}" for w in RENDITION_WIDTHS)
#: Built once: a filter parses its spec (and inspects its operations) on first use only.
RENDITION_FILTERS = tuple(Filter(spec=spec) for spec in RENDITION_SPECS)


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """Loads every image of a stream in one query, with the renditions sections use; inside a
    request, the images every section of the page chooses (:mod:`cms.blocks.prefetch`)."""

    def bulk_to_python(self, values):
        ids = [v for v in values if v is not None]
        loaded = load(IMAGES, ids)
        if loaded is not None:
            return from_loaded(loaded, values)
        objects = (
            get_image_model().objects.prefetch_renditions(*RENDITION_SPECS).in_bulk(ids)
            if ids
            else {}
        )
        return [objects.get(v) for v in values]


def srcset_renditions(image):
    """The renditions of ``image`` for a ``srcset``, narrowest first, one per width.

    Renditions never upscale, so an original narrower than a rendition width yields several
    renditions of its own width; a ``srcset`` repeating a width is invalid (browsers drop the
    duplicates), so only the first of each width is kept.
    """
    by_width = {}
    for rendition in sorted(
        image.get_renditions(*RENDITION_FILTERS).values(), key=attrgetter("width")
    ):
        by_width.setdefault(rendition.width, rendition)
    return list(by_width.values())


def rendition_url(rendition, request=None) -> str:
    """An absolute URL for ``rendition``: on the host the API was asked on (so a front-end
    reaches media wherever the CMS runs), else ``WAGTAILADMIN_BASE_URL``."""
    url = rendition.url
    if url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url) if request is not None else rendition.full_url


def image_api_representation(image, alt, request=None):
    """The JSON a front-end needs to render ``image``: never a bare id. Worked out once per
    request for each image and alt text (:mod:`cms.edge.scope`)."""
    if image is None:
        return None
    key = ("cms.blocks.image_json", image.pk, image.file.name, alt, request is None)
    return dict(remembered(key, lambda: _image_api_representation(image, alt, request)))


def _image_api_representation(image, alt, request):
    sources = [
        {"width": r.width, "height": r.height, "url": rendition_url(r, request)}
        for r in srcset_renditions(image)
    ]
    largest = sources[-1]
    focal = None
    if image.has_focal_point():
        focal = {
            "x": image.focal_point_x,
            "y": image.focal_point_y,
            "width": image.focal_point_width,
            "height": image.focal_point_height,
        }
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt,
        "width": image.width,
        "height": image.height,
        "src": largest["url"],
        "srcset": ", ".join(f"{s['url']} {s['width']}w" for s in sources),
        "renditions": sources,
        "focal_point": focal,
    }


class FigureValue(blocks.StructValue):
    """What ``blocks/figure.html`` renders: the same renditions the API serves."""

    @cached_property
    def renditions(self):
        return srcset_renditions(self["image"]) if self.get("image") else []

    @property
    def src(self):
        """The largest rendition (also the fallback for browsers without ``srcset``)."""
        return self.renditions[-1] if self.renditions else None

    @property
    def srcset(self) -> str:
        return ", ".join(f"{r.url} {r.width}w" for r in self.renditions)


class FigureBlock(blocks.StructBlock):
    """An optional image; when an image is chosen, alt text is required."""

    image = PrefetchingImageChooserBlock(required=False)
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the image for people who cannot see it. Required with an image.",
    )

    class Meta:
        icon = "image"
        label = "Image"
        required = False
        value_class = FigureValue

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("alt_text") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError("Add alt text describing the chosen image.")
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        if not value or not value.get("image"):
            return None
        request = (context or {}).get("request")
        return image_api_representation(value["image"], value.get("alt_text"), request)

    def api_schema(self, builder):
        return SectionImage | None
