"""The delivery API's own v3 endpoints: routes (for static site generators and sitemaps) and
headless preview. Mounted on Wagtail's ``NinjaAPI`` from :mod:`cms.api.wagtail_hooks`."""

from __future__ import annotations

import functools
from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v3.auth import AllowAnonymous
from wagtail.api.v3.routers.pages import PageDetailSchema
from wagtail.models import Page

from cms.pages.api.fields import page_path
from cms.pages.api.preview import PreviewTokenError, page_for_token

from .cache import set_private
from .richtext import link_prefetching, prefetch_rich_text_links

router = Router(tags=["delivery"])


class RouteSchema(Schema):
    id: int
    title: str
    type: str
    path: str
    last_modified: datetime | None


class RoutesSchema(Schema):
    count: int
    items: list[RouteSchema]


class PreviewErrorSchema(Schema):
    detail: str


@router.get(
    "/routes/",
    response=RoutesSchema,
    url_name="routes",
    summary="Every live, public page's path",
    description="For static site generators and sitemaps: the path and last publish time of "
    "every live page visitors can see, in tree order.",
    operation_id="routes_list",
    auth=AllowAnonymous(),
)
def routes(request: HttpRequest):
    pages = (
        get_public_pages_queryset(request, Page)
        .select_related("content_type")
        .only("id", "title", "url_path", "path", "depth", "last_published_at", "content_type")
        .order_by("path")
    )
    items = []
    for page in pages:
        path = page_path(page, request)
        if path is None:
            continue
        items.append(
            {
                "id": page.pk,
                "title": page.title,
                "type": page.content_type.model_class()._meta.label,
                "path": path,
                "last_modified": page.last_published_at,
            }
        )
    return {"count": len(items), "items": items}


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
    prefetch_rich_text_links(getattr(page, "body", None))
    return page


def private_view(view):
    """Preview responses are per-token drafts: never stored, never indexed."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with link_prefetching():
            response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return set_private(response)

    return wrapper
