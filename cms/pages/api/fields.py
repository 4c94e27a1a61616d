"""Computed page fields for both APIs (v2 and v3), declared as ``APIField(serializer=...)``.

Each is a DRF field (API v2 uses it as is; API v3 reads the return annotation of
``to_representation`` to type the field in its OpenAPI document), reading the whole page
(``source="*"``) so one field can combine several attributes.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.db.models import (
    Prefetch,
    prefetch_related_objects,
)
from rest_framework import fields
from wagtail.models import Page

from cms.blocks.api_types import ApiSchema

from ..privacy import is_public
from ..reviewing import prefetch_reviews

JsonLd = dict[str, Any]


class RelatedCondition(ApiSchema):
    id: int
    title: str
    condition_name: str
    path: str | None
    short_summary: str


class Breadcrumb(ApiSchema):
    id: int
    title: str
    path: str | None


class MedicalReview(ApiSchema):
    """The page's medical review, from real approvals only: reviewer and dates are given only
    when ``status`` is ``reviewed`` or ``overdue`` (this version's clinical content is what they
    approved; ``overdue``: its ``next_review_due`` has passed)."""

    status: Literal["reviewed", "overdue", "pending", "never"]
    reviewer_name: str | None
    reviewer_credentials: str | None
    last_reviewed: datetime.date | None
    next_review_due: datetime.date | None


#: Where :func:`prefetch_page_fields` leaves its results on each page.
BREADCRUMBS_ATTR = "_api_breadcrumb_pages"
RELATED_ATTR = "_api_live_related_conditions"


def page_path(page, request=None) -> str | None:
    """The page's path on its site (``/conditions/x/``), or ``None`` if it is not routable."""
    parts = page.get_url_parts(request)
    return parts[2] if parts else None


def load_ancestors(pages) -> None:
    """Load the ancestors of all ``pages`` in one query: each page's breadcrumbs (its live,
    public ancestors below the tree root) and its parent (what ``get_parent()`` returns,
    without a query of its own)."""
    pages = [page for page in pages if page.path]
    steplen = Page.steplen
    prefixes = {page.path[: depth * steplen] for page in pages for depth in range(1, page.depth)}
    ancestors = {a.path: a for a in Page.objects.filter(path__in=prefixes)} if prefixes else {}
    for page in pages:
        chain = [ancestors.get(page.path[: d * steplen]) for d in range(1, page.depth)]
        if chain and chain[-1] is not None:
            page._cached_parent_obj = chain[-1]
        page.__dict__[BREADCRUMBS_ATTR] = [
            a for a in chain[1:] if a is not None and a.live and is_public(a)
        ]


def prefetch_page_fields(pages, related_model=None) -> None:
    """Load the breadcrumbs and related conditions of all ``pages`` in a few queries, for
    listings: without it each page costs its own ancestor and related-condition queries.

    ``related_model`` is the page model owning ``related_conditions`` (pages of other types
    are skipped for that part).
    """
    pages = [page for page in pages if isinstance(page, Page)]
    if not pages:
        return
    load_ancestors(pages)

    if related_model is not None:
        owners = [page for page in pages if isinstance(page, related_model)]
        if owners:
            # The same filter as ``live_related_conditions()``, for a whole listing at once.
            target = related_model._meta.get_field("related_conditions").related_model
            live = related_model.listing(target.objects)
            prefetch_related_objects(
                owners, Prefetch("related_conditions", queryset=live, to_attr=RELATED_ATTR)
            )
            prefetch_reviews(owners)


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
        if BREADCRUMBS_ATTR not in page.__dict__:
            load_ancestors([page])
        crumbs = []
        for ancestor in page.__dict__.get(BREADCRUMBS_ATTR, ()):
            path = page_path(ancestor, request)
            if path is not None:
                crumbs.append({"id": ancestor.pk, "title": ancestor.title, "path": path})
        return crumbs


class RelatedConditionsField(PageField):
    """Related conditions that are live and public: enough to render a card and link to it."""

    def to_representation(self, page) -> list[RelatedCondition]:
        request = self.request
        related = page.__dict__.get(RELATED_ATTR)
        if related is None:
            related = page.live_related_conditions()
        return [
            {
                "id": condition.pk,
                "title": condition.title,
                "condition_name": condition.condition_name,
                "path": page_path(condition, request),
                "short_summary": condition.short_summary,
            }
            for condition in related
        ]


class JsonLdField(PageField):
    """The schema.org object the HTML page embeds, from the same builder."""

    def to_representation(self, page) -> JsonLd:
        return page.jsonld(self.request)


class AlternateNamesField(PageField):
    def to_representation(self, page) -> list[str]:
        return page.alternate_names


class ReviewField(PageField):
    def to_representation(self, page) -> MedicalReview:
        review = page.review
        reviewed = review.is_reviewed
        return {
            "status": review.status,
            "reviewer_name": review.reviewer_name if reviewed else None,
            "reviewer_credentials": (review.reviewer_credentials or None) if reviewed else None,
            "last_reviewed": review.last_reviewed.isoformat() if reviewed else None,
            "next_review_due": review.next_review_due.isoformat() if reviewed else None,
        }
