"""Conditional GET and a shared cache of rendered page JSON.

Validators are computed without rendering or reading the database: a *generation* stamp kept
in the cache for each page and bumped (see :mod:`cms.api.signals`) whenever the page or anything
it shows is published, unpublished, moved or deleted. The ETag hashes it, so a stored response
is found under its ETag and never needs deleting: a bump simply makes the old entry unreachable
until it expires. Only a page without a stamp yet costs a query (is it live?).

Requests that may see more than the public (a bearer token, a session cookie) are never served
from, or stored in, the shared cache, and are marked ``private, no-store``.

The cache is an optimisation: while it is unreachable every read misses and every write is
dropped (whether or not django-redis is set to ignore exceptions), so each request gets a fresh
stamp, a fresh render and no 304; slower, never stale, never a 500.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from wagtail.models import Page

from cms.edge.scope import request_scope

logger = logging.getLogger("cms.api")

ALL_PAGES = "all"
#: Query parameters that select the page, not its representation.
LOOKUP_PARAMS = {"html_path", "id"}


def _cache_failed(operation: str) -> None:
    logger.warning("API cache unavailable (%s); answering uncached", operation, exc_info=True)


def _read_many(keys) -> dict:
    try:
        # A copy: django-redis answers an outage with one shared ``{}`` that must not be filled.
        return dict(cache.get_many(keys))
    except Exception:  # noqa: BLE001 - any backend failure is a miss
        _cache_failed("get_many")
        return {}


def _write_many(values: dict, timeout) -> None:
    try:
        cache.set_many(values, timeout=timeout)
    except Exception:  # noqa: BLE001 - any backend failure drops the write
        _cache_failed("set_many")


def _read(key):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001
        _cache_failed("get")
        return None


def _write(key, value, timeout) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception:  # noqa: BLE001
        _cache_failed("set")


def _generation_key(scope) -> str:
    return f"cms_api:generation:{scope}"


def generations(*scopes) -> dict:
    """The generation stamp of each scope (a page id or :data:`ALL_PAGES`), creating missing ones.

    A stamp lost from the cache is recreated as *now*: that can only make a response look newer
    (an extra download), never older (a wrong 304).
    """
    keys = {_generation_key(scope): scope for scope in scopes}
    found = _read_many(list(keys))
    missing = {key: time.time() for key in keys if key not in found}
    if missing:
        _write_many(missing, timeout=None)
        found.update(missing)
    return {keys[key]: stamp for key, stamp in found.items()}


def invalidate(page_ids) -> None:
    """Make the cached responses of ``page_ids`` (and of every listing) stale, now and on commit."""
    scopes = [*{int(pk) for pk in page_ids}, ALL_PAGES]

    def bump():
        now = time.time()
        _write_many({_generation_key(scope): now for scope in scopes}, timeout=None)

    bump()
    # Again once the transaction commits, so a request rendering the old content in between
    # cannot store it under the new stamp.
    transaction.on_commit(bump)


def is_personalised(request) -> bool:
    """Whether the response may depend on who asks: never share those."""
    return bool(
        request.META.get("HTTP_AUTHORIZATION")
        or request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        or request.GET.get("token")
    )


def variant(request) -> str:
    """What shapes the representation: query parameters (in a canonical order) and, as API v2
    negotiates its renderer, the Accept header."""
    items = sorted((k, v) for k, vs in request.GET.lists() for v in vs if k not in LOOKUP_PARAMS)
    query = "&".join(f"{k}={v}" for k, v in items)
    return f"{query}|{request.META.get('HTTP_ACCEPT', '')}"


def set_private(response):
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Authorization", "Cookie"])
    return response


def set_public(response, etag: str, last_modified: float):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.API_CACHE_MAX_AGE,
        s_maxage=settings.API_CACHE_S_MAXAGE,
        stale_while_revalidate=settings.API_CACHE_STALE_WHILE_REVALIDATE,
    )
    patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
    return response


@functools.cache
def representation_version() -> str:
    """A hash of the OpenAPI document: a deploy that changes the API's shape starts afresh
    instead of serving JSON stored by the previous release (and 304s to its clients)."""
    from wagtail.api.v3.urls import api

    document = json.dumps(api.get_openapi_schema(), sort_keys=True, default=str)
    return hashlib.sha256(document.encode()).hexdigest()[:12]


def _etag(*parts) -> str:
    parts = (representation_version(), settings.API_CACHE_VERSION, *parts)
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def _serve(request, view, args, kwargs, *, etag: str, last_modified: float):
    """304, a stored copy, or a fresh render stored for next time."""
    not_modified = get_conditional_response(request, etag=etag, last_modified=int(last_modified))
    if not_modified is not None:
        return set_public(not_modified, etag, last_modified)
    key = f"cms_api:response:{etag}"
    stored = _read(key)
    if stored is not None:
        content, content_type = stored
        response = HttpResponse(content, content_type=content_type)
        response["X-Cache"] = "hit"
        return set_public(response, etag, last_modified)
    response = view(request, *args, **kwargs)
    if response.status_code != 200:
        return response
    if hasattr(response, "render"):  # DRF (API v2) responses render lazily
        response = response.render()
    _write(key, (response.content, response["Content-Type"]), settings.API_CACHE_TIMEOUT)
    response["X-Cache"] = "miss"
    return set_public(response, etag, last_modified)


def _cached_view(view, validators):
    """Wrap ``view`` with conditional GET and the shared response cache.

    ``validators(request, kwargs)`` returns ``(etag, last_modified)`` for the response, computed
    without rendering it, or ``None`` to answer uncached. Other methods and personalised requests
    pass through.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with request_scope():
            if is_personalised(request):
                return set_private(view(request, *args, **kwargs))
            found = validators(request, kwargs)
            if found is None:
                return view(request, *args, **kwargs)
            etag, last_modified = found
            return _serve(request, view, args, kwargs, etag=etag, last_modified=last_modified)

    return wrapper


def cached_page_view(page_kwarg: str):
    """Decorate a page detail view (its page id arrives as ``page_kwarg``) with conditional GET
    and the shared response cache."""

    def page_validators(request, kwargs):
        page_id = kwargs[page_kwarg]
        # Every change to what the page shows bumps its stamp (see cms.api.signals), so the
        # stamp alone validates the response: a hit reads no row. Only a page without a stamp
        # yet is looked up, so a request for any id cannot create stamps.
        stamp = _read(_generation_key(page_id))
        if stamp is None:
            if not Page.objects.filter(pk=page_id, live=True).exists():
                return None
            stamp = generations(page_id)[page_id]
        return _etag(request.path, page_id, stamp, variant(request)), stamp

    return lambda view: _cached_view(view, page_validators)


def cached_site_view(view):
    """Conditional GET and shared caching for a view showing many pages (listings, routes).

    Any publish, unpublish, move or delete makes it stale.
    """

    def site_validators(request, kwargs):
        stamp = generations(ALL_PAGES)[ALL_PAGES]
        return _etag(request.path, stamp, variant(request)), stamp

    return _cached_view(view, site_validators)
