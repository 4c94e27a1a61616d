"""A shared cache of public HTML pages for anonymous readers, and the CDN headers to go with it.

A page's HTML is stored with the same per-page *generation* stamp the API cache uses (see
:mod:`cms.api.cache`) and a site-wide stamp bumped whenever a site setting is saved, and served
only while both are current; the ETag hashes them. So everything that makes a page's API
response stale (a publish, unpublish, move or delete of the page, of a page it shows or lists,
or of one of its descendants; see :mod:`cms.api.signals`) makes its HTML stale too, and nothing
is ever deleted: the next render replaces the stale copy. A hit takes two cache round trips:
the page a URL serves, then its stamps and stored copy together; one (the stamps) when this
process keeps a copy (:class:`cms.api.cache.LocalCopies`), the usual case for a busy page.
Publishing also asks ``wagtail.contrib.frontend_cache`` to purge the same set of pages from the
CDN.

Only what no visitor could tell apart is stored: a ``200`` from Wagtail's page serving, for a
``GET``/``HEAD`` without a query string, from a request without a session cookie, an
``Authorization`` header or a preview; and never a response that sets a cookie, uses the session
or CSRF token, or varies on ``Cookie``. A hit costs no database query; a matching
``If-None-Match`` answers ``304``.

Settings: ``HTML_CACHE_ENABLED``, ``HTML_CACHE_MAX_AGE`` (browsers), ``HTML_CACHE_S_MAXAGE``
(CDNs), ``HTML_CACHE_STALE_WHILE_REVALIDATE`` and ``HTML_CACHE_TIMEOUT`` (the server copy).
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import get_resolver
from django.urls.resolvers import RoutePattern
from django.utils.cache import get_conditional_response, patch_cache_control
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page

from .cache import (
    _etag,
    _generation_key,
    _read,
    _write_many,
    bump,
    current_copy,
    generations,
    is_personalised,
    local_copies,
    read_with_copy,
)

#: Generation scope bumped by any change to a site-wide setting: every page shows them.
SITE_SETTINGS = "site-settings"
#: Headers never replayed from a stored response.
NOT_STORED_HEADERS = {"set-cookie", "vary", "etag", "cache-control", "x-cache"}


def _url(request) -> str:
    return f"{request.scheme}://{request.get_host()}{request.path}"


@functools.cache
def _other_prefixes() -> tuple[str, ...]:
    """Paths the root URLconf sends elsewhere than Wagtail's page serving (the API, the admin,
    the intake form, documents): never a page, so never looked up here."""
    return tuple(
        f"/{pattern.pattern}"
        for pattern in get_resolver().url_patterns
        if isinstance(pattern.pattern, RoutePattern) and str(pattern.pattern)
    )


def _stamps(page_id: int, found: dict | None = None) -> tuple:
    """The page's and the site settings' stamps, from ``found`` (read already) or the cache."""
    keys = {_generation_key(page_id): page_id, _generation_key(SITE_SETTINGS): SITE_SETTINGS}
    known = {scope: found[key] for key, scope in keys.items() if found and key in found}
    if len(known) < len(keys):
        known = generations(page_id, SITE_SETTINGS)
    return known[page_id], known[SITE_SETTINGS]


def _etag_of(page_id: int, stamps: tuple) -> str:
    return _etag("html", page_id, *stamps)


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
        request._html_cache = (page.pk, _stamps(page.pk))


class HTMLCacheMiddleware:
    """Serves and stores anonymous readers' HTML pages.

    Installed right after ``AuthenticationMiddleware``, so a hit skips the rest of the stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request) or request.path.startswith(_other_prefixes()):
            return self.get_response(request)
        # Nothing on a public page depends on who reads it: keep the session (and so
        # ``Vary: Cookie``) out of the render.
        request.user = AnonymousUser()
        url = _url(request)
        key = f"cms_html:response:{url}"
        # A copy this process keeps names the page it served: its stamps alone decide.
        local = local_copies.get(key)
        page_id = local[0][0] if local is not None else _read(f"cms_html:route:{url}")
        if page_id is not None:
            keys = [_generation_key(page_id), _generation_key(SITE_SETTINGS)]
            found, stored, fetched = read_with_copy(request, keys, key, local)
            stamps = _stamps(page_id, found)
            etag = _etag_of(page_id, stamps)
            not_modified = get_conditional_response(request, etag=etag)
            if not_modified is not None:
                return _set_public(not_modified, etag)
            stored = current_copy(key, (page_id, stamps), stored, fetched)
            if stored is not None:
                _served, content, headers = stored
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                response["X-Cache"] = "hit"
                return _set_public(response, etag)
        response = self.get_response(request)
        served = getattr(request, "_html_cache", None)
        if served is None or not _storable(request, response):
            return response
        page_id, stamps = served
        headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED_HEADERS]
        timeout = settings.HTML_CACHE_TIMEOUT
        entry = ((page_id, stamps), response.content, headers)
        _write_many({key: entry, f"cms_html:route:{url}": page_id}, timeout)
        local_copies.put(key, entry)
        response["X-Cache"] = "miss"
        return _set_public(response, _etag_of(page_id, stamps))


def invalidate_site_settings() -> None:
    """Make every stored page stale (now and once the transaction commits)."""
    bump(SITE_SETTINGS)


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
