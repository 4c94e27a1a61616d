"""Computed page fields for both APIs (v2 and v3), declared as ``APIField(serializer=...)``.

Each is a DRF field (API v2 uses it as is; API v3 reads the return annotation of
``to_representation`` to type the field in its OpenAPI document), reading the whole page
(``source="*"``) so one field can combine several attributes.
"""

from __future__ import annotations

from rest_framework import fields

from .schemas import Breadcrumb, JsonLd, RelatedCondition


def page_path(page, request=None) -> str | None:
    """The page's path on its site (``/conditions/x/``), or ``None`` if it is not routable."""
    parts = page.get_url_parts(request)
    return parts[2] if parts else None


class PageField(fields.Field):
    """A read-only field computed from the whole page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    @property
    def request(self):
        # API v2 passes the request in the serializer context; API v3 binds the field alone.
        return self.context.get("request")


class PagePathField(PageField):
    def to_representation(self, page) -> str:
        return page_path(page, self.request)


class BreadcrumbsField(PageField):
    """The live, public ancestors below the tree root, from the site's home page down."""

    def to_representation(self, page) -> list[Breadcrumb]:
        request = self.request
        ancestors = page.get_ancestors().filter(depth__gt=1).live().public()
        crumbs = []
        for ancestor in ancestors.only("id", "title", "url_path", "path", "depth"):
            path = page_path(ancestor, request)
            if path is not None:
                crumbs.append({"id": ancestor.pk, "title": ancestor.title, "path": path})
        return crumbs


class RelatedConditionsField(PageField):
    """Related conditions that are live and public: enough to render a card and link to it."""

    def to_representation(self, page) -> list[RelatedCondition]:
        request = self.request
        return [
            {
                "id": related.pk,
                "title": related.title,
                "condition_name": related.condition_name,
                "path": page_path(related, request),
                "short_summary": related.short_summary,
            }
            for related in page.live_related_conditions()
        ]


class JsonLdField(PageField):
    """The schema.org object the HTML page embeds, from the same builder."""

    def to_representation(self, page) -> JsonLd:
        return page.jsonld(self.request)


class AlternateNamesField(PageField):
    def to_representation(self, page) -> list[str]:
        return page.alternate_names
