"""Asking a cited address whether it still answers, the way a reader's browser would reach it.

Each link gets a ``HEAD`` request, following redirects, with a timeout of ``LINK_CHECK_TIMEOUT``
seconds. Servers that refuse ``HEAD`` or answer it wrongly (405 and 501, but also 403 or 404 from
some publishers) get one ``GET`` before the link counts as broken; its body is never read.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import requests
from django.conf import settings
from requests.exceptions import InvalidSchema, InvalidURL, MissingSchema
from urllib3.exceptions import NameResolutionError

#: Links checked at once; different sites answer in parallel, one slow site holds one thread.
CONCURRENT_CHECKS = 4
MAX_REDIRECTS = 10


@dataclass(frozen=True)
class LinkStatus:
    #: The HTTP status of the last answer, after redirects; ``None`` when no answer came.
    status_code: int | None
    #: Why no answer came, short: "timeout", "connection refused"...
    error: str = ""

    @property
    def broken(self) -> bool:
        return self.status_code is None or self.status_code >= 400


def user_agent() -> str:
    """Names the checker and, where known, the site, so a publisher can tell who is asking."""
    origin = settings.PUBLIC_BASE_URL
    return f"condition-cms-linkcheck/1 (+{origin})" if origin else "condition-cms-linkcheck/1"


def describe(exc: requests.RequestException) -> str:
    """A short reason for a failed request, for the report."""
    if isinstance(exc, requests.Timeout):
        return "timeout"
    if isinstance(exc, requests.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error"
    if isinstance(exc, requests.ConnectionError):
        cause = exc.__cause__ or exc.__context__
        while cause is not None:
            if isinstance(cause, ConnectionRefusedError):
                return "connection refused"
            if isinstance(cause, NameResolutionError):
                return "host not found"
            cause = cause.__cause__ or cause.__context__
        return "connection failed"
    if isinstance(exc, InvalidURL | InvalidSchema | MissingSchema):
        return "invalid URL"
    return "request failed"


def check_url(url: str) -> LinkStatus:
    """What ``url`` answers now. Never raises for a network failure."""
    timeout = settings.LINK_CHECK_TIMEOUT
    with requests.Session() as session:
        session.max_redirects = MAX_REDIRECTS
        session.headers["User-Agent"] = user_agent()
        try:
            response = session.head(url, allow_redirects=True, timeout=timeout)
            if response.status_code >= 400:
                response = session.get(url, allow_redirects=True, timeout=timeout, stream=True)
                response.close()
        except requests.RequestException as exc:
            return LinkStatus(None, describe(exc))
    return LinkStatus(response.status_code)


def check_urls(urls: list[str]) -> dict[str, LinkStatus]:
    """``{url: status}`` for every URL, several at a time. Touches no database."""
    if not urls:
        return {}
    with ThreadPoolExecutor(max_workers=min(CONCURRENT_CHECKS, len(urls))) as pool:
        return dict(zip(urls, pool.map(check_url, urls), strict=True))
