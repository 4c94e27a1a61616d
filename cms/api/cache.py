"""Conditional GET and a shared cache of rendered page JSON.

Validators are computed without rendering or reading the database: a *generation* stamp kept
in the cache for each page and bumped (see :mod:`cms.api.signals`) whenever the page or anything
it shows is published, unpublished, moved or deleted. The ETag hashes it. A rendered response is
stored with the stamp it was rendered under, and read in the same round trip as the stamp: it is
served only while that stamp is current, so nothing ever needs deleting (a bump makes the stored
copy stale; the next render replaces it). Only a page without a stamp yet costs a query (is it
live?). Each process also keeps copies of the responses it served (:class:`LocalCopies`),
checked against the same stamp: a hit then reads the small stamp alone, not the whole body.

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
import threading
import time
from collections import OrderedDict

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


class LocalCopies:
    """This process's copies of the responses it served or fetched from the shared cache, by
    cache key: least recently used first out, at most ``API_CACHE_LOCAL_BYTES`` of content
    (``0`` keeps none).

    An entry holds what the shared cache holds under the same key, the stamp it was rendered
    under first, and callers serve it under the same rule: only after reading the current stamp
    from the shared cache, and only if it matches. So a copy is never fresher or staler than the
    shared one; it saves fetching the body (over a hundred kilobytes for a long page) on a hit.
    """

    def __init__(self):
        self._entries: OrderedDict[str, tuple[int, tuple]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key, entry: tuple) -> None:
        """Keep ``entry`` (its stamp, its content, then anything else) under ``key``."""
        size, limit = len(entry[1]), settings.API_CACHE_LOCAL_BYTES
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._bytes -= previous[0]
            if size > limit:
                return
            self._entries[key] = (size, entry)
            self._bytes += size
            while self._bytes > limit:
                _key, (dropped, _entry) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


local_copies = LocalCopies()


def read_with_copy(request, stamp_keys: list, key: str, local):
    """Read ``stamp_keys`` from the shared cache, and in the same round trip the stored
    response under ``key`` unless this process keeps a copy (``local``) or the request is
    conditional (most end in a ``304``). Returns ``(found, stored, fetched)`` for
    :func:`current_copy`: the values read, the copy to check, and whether it was read here."""
    fetched = local is None and not is_conditional(request)
    found = _read_many([*stamp_keys, key] if fetched else stamp_keys)
    return found, (found.get(key) if fetched else local), fetched


def current_copy(key: str, current, stored, fetched: bool):
    """The stored entry under ``key`` if it was rendered under ``current``, else ``None``.

    ``stored`` is this process's copy, or the shared cache's if ``fetched`` (read with the
    stamps). When this process's copy is missing or stale, the shared cache's is read: another
    process may have stored a current one. A current entry from the shared cache is kept here.
    """
    if (stored is None or stored[0] != current) and not fetched:
        stored, fetched = _read(key), True
    if stored is None or stored[0] != current:
        return None
    if fetched:
        local_copies.put(key, stored)
    return stored


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


def bump(*scopes) -> None:
    """New generation stamps for ``scopes``, now and again once the transaction commits, so a
    request rendering the old content in between cannot store it under the new stamp."""

    def write():
        now = time.time()
        _write_many({_generation_key(scope): now for scope in scopes}, timeout=None)

    write()
    transaction.on_commit(write)


def invalidate(page_ids) -> None:
    """Make the cached responses of ``page_ids`` (and of every listing) stale, now and on commit."""
    bump(*{int(pk) for pk in page_ids}, ALL_PAGES)


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


def _digest(*parts) -> str:
    parts = (representation_version(), settings.API_CACHE_VERSION, *parts)
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()[:32]


def _etag(*parts) -> str:
    return f'"{_digest(*parts)}"'


def is_conditional(request) -> bool:
    return "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META


def _serve(request, view, args, kwargs, *, key: str, stamp, stored, fetched: bool):
    """304, the stored copy (if rendered under ``stamp``), or a fresh render stored for next
    time. ``stored`` is this process's copy, or what the shared cache held under ``key`` if it
    was ``fetched`` with the stamp."""
    etag = _etag(key, stamp)
    not_modified = get_conditional_response(request, etag=etag, last_modified=int(stamp))
    if not_modified is not None:
        return set_public(not_modified, etag, stamp)
    stored = current_copy(key, stamp, stored, fetched)
    if stored is not None:
        _stamp, content, content_type = stored
        response = HttpResponse(content, content_type=content_type)
        response["X-Cache"] = "hit"
        return set_public(response, etag, stamp)
    response = view(request, *args, **kwargs)
    if response.status_code != 200:
        return response
    if hasattr(response, "render"):  # DRF (API v2) responses render lazily
        response = response.render()
    entry = (stamp, response.content, response["Content-Type"])
    _write(key, entry, settings.API_CACHE_TIMEOUT)
    local_copies.put(key, entry)
    response["X-Cache"] = "miss"
    return set_public(response, etag, stamp)


def _cached_view(view, scope_of, missing_stamp):
    """Wrap ``view`` with conditional GET and the shared response cache.

    ``scope_of(request, kwargs)`` names the generation scope the response depends on (a page id
    or :data:`ALL_PAGES`), or ``None`` to answer uncached. Its stamp and the stored response are
    read in one round trip; the stored response carries the stamp it was rendered under and is
    served only while that is the current one. ``missing_stamp(scope)`` gives a stamp when the
    cache has none, or ``None`` to answer uncached. Other methods and personalised requests pass
    through.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with request_scope():
            if is_personalised(request):
                return set_private(view(request, *args, **kwargs))
            scope = scope_of(request, kwargs)
            if scope is None:  # not a page id: the view answers the client's mistake
                return view(request, *args, **kwargs)
            key = f"cms_api:response:{_digest(request.path, scope, variant(request))}"
            generation = _generation_key(scope)
            found, stored, fetched = read_with_copy(
                request, [generation], key, local_copies.get(key)
            )
            stamp = found.get(generation)
            if stamp is None:
                stamp = missing_stamp(scope)
                if stamp is None:
                    return view(request, *args, **kwargs)
            return _serve(
                request, view, args, kwargs, key=key, stamp=stamp, stored=stored, fetched=fetched
            )

    return wrapper


def _new_page_stamp(page_id):
    # Only a page without a stamp yet is looked up, so a request for any id cannot create stamps.
    if not Page.objects.filter(pk=page_id, live=True).exists():
        return None
    return generations(page_id)[page_id]


def cached_page_view(page_kwarg: str):
    """Decorate a page detail view (its page id arrives as ``page_kwarg``) with conditional GET
    and the shared response cache. Every change to what the page shows bumps its stamp (see
    :mod:`cms.api.signals`), so the stamp alone validates the response: a hit reads no row."""

    def page_id(request, kwargs):
        value = str(kwargs[page_kwarg])
        return int(value) if value.isascii() and value.isdigit() else None

    return lambda view: _cached_view(view, page_id, _new_page_stamp)


def cached_site_view(view):
    """Conditional GET and shared caching for a view showing many pages (listings, routes).

    Any publish, unpublish, move or delete makes it stale.
    """
    return _cached_view(
        view, lambda request, kwargs: ALL_PAGES, lambda scope: generations(scope)[scope]
    )
