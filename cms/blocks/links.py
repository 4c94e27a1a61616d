"""A call-to-action link: a label and one target (a page, an anchor on this page, or a URL)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from wagtail import blocks
from wagtail.models import Page

from cms.edge.scope import remembered

from .api_types import SectionLink
from .prefetch import PAGES, from_loaded, load

anchor_validator = RegexValidator(
    r"^[A-Za-z][\w-]*$",
    "Use the id of a section on this page without '#', e.g. 'get-started'.",
)


def page_url(page, request=None) -> str | None:
    """``page.get_url(request)``, worked out once per request for each page
    (:mod:`cms.edge.scope`): a page linked from many sections has one URL."""
    key = ("cms.blocks.page_url", type(page), page.pk, page.url_path, request is None)
    return remembered(key, lambda: page.get_url(request))


class PrefetchingPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser that, inside a request, takes its pages from those loaded for every
    section of the page at once (:mod:`cms.blocks.prefetch`)."""

    def bulk_to_python(self, values):
        if self.model_class is Page:
            loaded = load(PAGES, [v for v in values if v is not None])
            if loaded is not None:
                return from_loaded(loaded, values)
        return super().bulk_to_python(values)


class LinkValue(blocks.StructValue):
    @property
    def kind(self):
        if self.get("page"):
            return "page"
        if self.get("anchor"):
            return "anchor"
        if self.get("url"):
            return "url"
        return None

    def href(self, request=None):
        kind = self.kind
        if kind == "page":
            return page_url(self["page"], request)
        if kind == "anchor":
            return f"#{self['anchor']}"
        if kind == "url":
            return self["url"]
        return None

    @property
    def url(self):
        """The link's address, for templates: ``{{ value.link.url }}``."""
        return self.href()


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=80, help_text="The button or link text, e.g. 'Get relief'.")
    page = PrefetchingPageChooserBlock(required=False, help_text="Link to a page on this site…")
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        validators=[anchor_validator],
        help_text="…or to a section on this page (its id, without '#')…",
    )
    url = blocks.URLBlock(required=False, help_text="…or to another website.")

    class Meta:
        icon = "link"
        label = "Link"
        value_class = LinkValue
        form_classname = "struct-block link-block"

    def clean(self, value):
        value = super().clean(value)
        targets = [name for name in ("page", "anchor", "url") if value.get(name)]
        if len(targets) != 1:
            message = (
                "Choose where the link goes: a page, an anchor or a URL."
                if not targets
                else "Choose only one target: a page, an anchor or a URL, not "
                + " and ".join(targets)
                + "."
            )
            raise blocks.StructBlockValidationError(
                block_errors={name: ValidationError(message) for name in (targets or ["page"])}
            )
        return value

    def get_api_representation(self, value, context=None):
        if not value:
            return None
        request = (context or {}).get("request")
        page = value.get("page")
        href = value.href(request)
        return {
            "label": value.get("label"),
            "kind": value.kind,
            "href": href,
            # A page link's href is the page's URL: worked out once.
            "page": (
                {"id": page.pk, "title": page.title, "path": href}
                if page
                else None
            ),
        }

    def api_schema(self, builder):
        return SectionLink if getattr(self.meta, "required", True) else SectionLink | None


class OptionalLinkBlock(LinkBlock):
    """A link that may be left entirely empty."""

    # Redeclared, not switched off in __init__: a StructBlock class and its subclasses share
    # child block instances, so mutating it made every LinkBlock's label optional.
    label = blocks.CharBlock(
        required=False, max_length=80, help_text="The button or link text, e.g. 'Learn more'."
    )

    class Meta:
        required = False

    def clean(self, value):
        if not any(value.get(n) for n in ("label", "page", "anchor", "url")):
            return value
        if not value.get("label"):
            raise blocks.StructBlockValidationError(
                block_errors={"label": ValidationError("Give the link a label.")}
            )
        return super().clean(value)

    def get_api_representation(self, value, context=None):
        if not value or not value.kind:
            return None
        return super().get_api_representation(value, context)

    def api_schema(self, builder):
        # A link's shape, or null when left empty (Meta.required is False).
        return super().api_schema(builder)
