"""A shared cache of public HTML pages for anonymous readers, and the CDN headers to go with it.

A page's HTML is stored under an ETag built from the same per-page *generation* stamps the API
cache uses (see :mod:`cms.api.cache`), plus a site-wide stamp bumped whenever a site setting is
saved. So everything that makes a page's API response stale (a publish, unpublish, move or
delete of the page, of a page it shows or lists, or of one of its descendants; see
:mod:`cms.api.signals`) makes its HTML stale too, and nothing is ever deleted: a bump makes the
old copy unreachable. Publishing also asks ``wagtail.contrib.frontend_cache`` to purge the same
set of pages from the CDN.

Only what no visitor could tell apart is stored: a ``200`` from Wagtail's page serving, for a
``GET``/``HEAD`` without a query string, from a request without a session cookie, an
``Authorization`` header or a preview; and never a response that sets a cookie, uses the session
or CSRF token, or varies on ``Cookie``. A hit costs no database query; a matching
``If-None-Match`` answers ``304``.

Settings: ``HTML_CACHE_ENABLED``, ``HTML_CACHE_MAX_AGE`` (browsers), ``HTML_CACHE_S_MAXAGE``
(CDNs), ``HTML_CACHE_STALE_WHILE_REVALIDATE`` and ``HTML_CACHE_TIMEOUT`` (the server copy).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page

from .cache import _etag, _generation_key, _read, _write, _write_many, generations, is_personalised

#: Generation scope bumped by any change to a site-wide setting: every page shows them.
SITE_SETTINGS = "site-settings"
#: Headers never replayed from a stored response.
NOT_STORED_HEADERS = {"set-cookie", "vary", "etag", "cache-control", "x-cache"}


def _route_key(request) -> str:
    return f"cms_html:route:{request.scheme}://{request.get_host()}{request.path}"


def _validators(page_id: int) -> tuple[str, float]:
    stamps = generations(page_id, SITE_SETTINGS)
    etag = _etag("html", page_id, stamps[page_id], stamps[SITE_SETTINGS])
    return etag, max(stamps.values())


def _set_public(response, etag: str):
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=settings.HTML_CACHE_MAX_AGE,
        s_maxage=settings.HTML_CACHE_S_MAXAGE,
        stale_while_revalidate=settings.HTML_CACHE_STALE_WHILE_REVALIDATE,
    )
    return response


def _cacheable_request(request) -> bool:
    return (
        settings.HTML_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and not is_personalised(request)
        and not getattr(request, "is_preview", False)
    )


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in vary
        and "*" not in vary
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and (session.accessed or session.modified))
    )


def mark_servable(page, request) -> None:
    """``before_serve_page``: note which page is served and its validators, read *before*
    rendering so a publish during the render cannot be stored under the new stamp."""
    if _cacheable_request(request):
        request._html_cache = (page.pk, *_validators(page.pk))


class HTMLCacheMiddleware:
    """Serves and stores anonymous readers' HTML pages.

    Installed right after ``AuthenticationMiddleware``, so a hit skips the rest of the stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        # Nothing on a public page depends on who reads it: keep the session (and so
        # ``Vary: Cookie``) out of the render.
        request.user = AnonymousUser()
        page_id = _read(_route_key(request))
        if page_id is not None:
            etag, last_modified = _validators(page_id)
            not_modified = get_conditional_response(request, etag=etag)
            if not_modified is not None:
                return _set_public(not_modified, etag)
            stored = _read(f"cms_html:response:{etag}")
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                response["X-Cache"] = "hit"
                return _set_public(response, etag)
        response = self.get_response(request)
        served = getattr(request, "_html_cache", None)
        if served is None or not _storable(request, response):
            return response
        page_id, etag, _last_modified = served
        headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED_HEADERS]
        timeout = settings.HTML_CACHE_TIMEOUT
        _write(f"cms_html:response:{etag}", (response.content, headers), timeout)
        _write(_route_key(request), page_id, timeout)
        response["X-Cache"] = "miss"
        return _set_public(response, etag)


def invalidate_site_settings() -> None:
    """Make every stored page stale (now and once the transaction commits)."""

    def bump():
        _write_many({_generation_key(SITE_SETTINGS): time.time()}, timeout=None)

    bump()
    transaction.on_commit(bump)


def on_setting_saved(sender, instance, created=False, **kwargs):
    # A settings row created on its first read (``for_site``) holds only defaults: nothing shown
    # changes, and making every page stale then would defeat the cache on a fresh site.
    if isinstance(instance, (BaseSiteSetting, BaseGenericSetting)) and not created:
        invalidate_site_settings()


def purge_frontend_cache(page_ids) -> None:
    """Have ``wagtail.contrib.frontend_cache`` (if a backend is set) purge these pages."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    pages = Page.objects.filter(pk__in=list(page_ids)).specific(defer=True)
    purge_pages_from_cache(pages)
