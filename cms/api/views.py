"""Adjustments to Wagtail's page endpoints for decoupled front-ends."""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, URLPattern, resolve
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.models import Page

from cms.blocks.prefetch import prefetch_references
from cms.pages.api.fields import prefetch_page_fields
from cms.pages.models import ConditionPage

from .cache import _read, _write, cached_page_view, is_personalised


def _follow(request, location):
    """The detail response ``location`` (a redirect's target) names, or ``None``."""
    try:
        match = resolve(urlsplit(location).path)
    except Resolver404:
        return None, None
    if match.url_name not in ("detail_page", "detail"):
        return None, None
    detail = match.func(request, *match.args, **match.kwargs)
    if detail.status_code == 200:
        detail["Content-Location"] = location.rstrip("?")
    page_id = match.kwargs.get("page_id", match.kwargs.get("pk"))
    return detail, page_id


def find_without_redirect(view):
    """Wagtail's find endpoints redirect to the page's detail URL; a front-end resolving a path
    would pay a second round trip. Follow the redirect on the server and answer with the detail
    response itself (``Content-Location`` names its canonical URL).

    Resolving a path walks the page tree (about eight queries), so for public requests the
    answer is remembered: the next find of the same path checks that the page found is still
    live at that path (one query) and answers with its (cached) detail.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        remember = request.method in ("GET", "HEAD") and not is_personalised(request)
        key = f"cms_api:find:{request.get_host()}:{request.get_full_path()}"
        found = _read(key) if remember else None
        if found is not None:
            location, page_id, url_path = found
            if Page.objects.filter(pk=page_id, live=True, url_path=url_path).exists():
                detail, _page_id = _follow(request, location)
                if detail is not None and detail.status_code == 200:
                    return detail
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code not in (301, 302):
            return response
        location = response["Location"]
        detail, page_id = _follow(request, location)
        if detail is None:
            return response
        if remember and detail.status_code == 200 and page_id is not None:
            url_path = Page.objects.filter(pk=page_id).values_list("url_path", flat=True).first()
            _write(key, (location, int(page_id), url_path), settings.API_CACHE_TIMEOUT)
        return detail

    return wrapper


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    """API v2 pages: cached detail responses, find without a redirect, bulk-loaded links, and
    listings whose query count does not grow with the number of pages."""

    def get_queryset(self):
        # The listing's meta includes each page's locale.
        return super().get_queryset().select_related("locale")

    def paginate_queryset(self, queryset):
        pages = super().paginate_queryset(queryset)
        if pages is not None:
            prefetch_page_fields(pages, related_model=ConditionPage)
        return pages

    def get_object(self):
        page = super().get_object()
        prefetch_references(getattr(page, "body", None))
        return page

    @classmethod
    def get_urlpatterns(cls):
        decorators = {"detail": cached_page_view("pk"), "find": find_without_redirect}
        return [
            URLPattern(p.pattern, decorators[p.name](p.callback), p.default_args, p.name)
            if p.name in decorators
            else p
            for p in super().get_urlpatterns()
        ]
