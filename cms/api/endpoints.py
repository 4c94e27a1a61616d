"""The delivery API's own v3 endpoints: routes (for static site generators and sitemaps) and
headless preview. Mounted on Wagtail's ``NinjaAPI`` from :mod:`cms.api.wagtail_hooks`."""

from __future__ import annotations

import functools
from datetime import datetime

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v3.auth import AllowAnonymous
from wagtail.api.v3.routers.pages import PageDetailSchema
from wagtail.models import Page, Site

from cms.blocks.prefetch import prefetch_references
from cms.edge.scope import request_scope
from cms.pages.api.fields import page_path
from cms.pages.api.preview import PreviewTokenError, page_for_token

from . import counts
from .cache import set_private

router = Router(tags=["delivery"])


class RouteSchema(Schema):
    id: int
    title: str
    type: str
    path: str
    last_modified: datetime | None


class RoutesSchema(Schema):
    count: int = Field(description="How many routes there are in all, on every page of results.")
    next: str | None = Field(description="The next page of results, or null on the last one.")
    previous: str | None = Field(description="The previous page of results, or null on the first.")
    items: list[RouteSchema]


class PreviewErrorSchema(Schema):
    detail: str


#: ``/routes/`` pages: large enough for few round trips, small enough to stay fast at any size.
ROUTES_DEFAULT_LIMIT = 50
ROUTES_MAX_LIMIT = 100


def routable_pages(request: HttpRequest):
    """Live, public pages under a site's root, where they have a path."""
    under_a_site = Q()
    for root in Site.get_site_root_paths():
        under_a_site |= Q(url_path__startswith=root.root_path)
    if not under_a_site:
        return Page.objects.none()
    return get_public_pages_queryset(request, Page).filter(under_a_site)


def page_link(request: HttpRequest, offset: int, limit: int, count: int) -> str | None:
    if offset < 0 or offset >= count:
        return None
    query = request.GET.copy()
    query["offset"], query["limit"] = str(offset), str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@router.get(
    "/routes/",
    response=RoutesSchema,
    url_name="routes",
    summary="Live, public pages' paths, a page of results at a time",
    description="For static site generators and sitemaps: the path and last publish time of "
    "every live page visitors can see, in tree order. Follow `next` until it is null.",
    operation_id="routes_list",
    auth=AllowAnonymous(),
)
def routes(
    request: HttpRequest,
    offset: int = Query(0, ge=0, description="How many routes to skip."),
    limit: int = Query(
        ROUTES_DEFAULT_LIMIT,
        ge=1,
        le=ROUTES_MAX_LIMIT,
        description=f"How many routes to return, at most {ROUTES_MAX_LIMIT}.",
    ),
):
    pages = routable_pages(request)
    count = counts.count(pages)
    window = (
        pages.select_related("content_type")
        .only("id", "title", "url_path", "path", "depth", "last_published_at", "content_type")
        .order_by("path")[offset : offset + limit]
    )
    items = [
        {
            "id": page.pk,
            "title": page.title,
            "type": page.content_type.model_class()._meta.label,
            "path": page_path(page, request),
            "last_modified": page.last_published_at,
        }
        for page in window
    ]
    return {
        "count": count,
        "next": page_link(request, offset + limit, limit, count),
        "previous": page_link(request, max(offset - limit, 0), limit, count)
        if offset
        else None,
        "items": items,
    }


@router.get(
    "/preview/",
    response={200: PageDetailSchema, 401: PreviewErrorSchema, 403: PreviewErrorSchema},
    url_name="preview",
    summary="Draft content for a preview token",
    description="The front-end receives `token` from the admin's Preview (through "
    "`WAGTAIL_HEADLESS_PREVIEW_URL?token=...`). Tokens are signed and short-lived.",
    operation_id="preview_detail",
    auth=AllowAnonymous(),
)
def preview(request: HttpRequest, token: str):
    try:
        page = page_for_token(token)
    except PreviewTokenError as exc:
        raise HttpError(exc.status, str(exc)) from exc
    prefetch_references(getattr(page, "body", None))
    return page


def private_view(view):
    """Preview responses are per-token drafts: never stored, never indexed."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with request_scope():
            response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return set_private(response)

    return wrapper
