"""Adjustments to Wagtail's page endpoints for decoupled front-ends."""

import functools
from urllib.parse import urlsplit

from django.urls import Resolver404, URLPattern, resolve
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet

from cms.pages.api.fields import prefetch_page_fields
from cms.pages.models import ConditionPage

from .cache import cached_page_view
from .richtext import prefetch_rich_text_links


def find_without_redirect(view):
    """Wagtail's find endpoints redirect to the page's detail URL; a front-end resolving a path
    would pay a second round trip. Follow the redirect on the server and answer with the detail
    response itself (``Content-Location`` names its canonical URL)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code not in (301, 302):
            return response
        location = response["Location"]
        try:
            match = resolve(urlsplit(location).path)
        except Resolver404:
            return response
        if match.url_name not in ("detail_page", "detail"):
            return response
        detail = match.func(request, *match.args, **match.kwargs)
        if detail.status_code == 200:
            detail["Content-Location"] = location.rstrip("?")
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
        prefetch_rich_text_links(getattr(page, "body", None))
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
