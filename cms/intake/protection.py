"""Abuse protection for public intake submissions: form tokens (minimum fill time), a
honeypot, and a per-client rate limit.

When the cache behind the rate limit is down, the limit **fails open**: the submission goes
through and a warning is logged. A patient's intake must not be lost because a cache node
restarted; the honeypot, the minimum fill time and the body size limit still apply, and the
warning makes the outage visible.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

logger = logging.getLogger("cms.intake")

TOKEN_SALT = "cms.intake.form-token"


def issue_form_token(slug: str) -> str:
    """A signed token holding the form slug and when the form was handed out.

    Not compressed: zlib hardly ever shortens a slug and a time, so it only cost time (tokens
    issued compressed still verify).
    """
    return signing.dumps({"form": slug, "t": time.time()}, salt=TOKEN_SALT)


class FormTokenError(Exception):
    pass


def seconds_since_issued(token: str, slug: str) -> float:
    """Seconds since ``token`` was issued for ``slug``. Raises :class:`FormTokenError`."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=settings.INTAKE_FORM_TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise FormTokenError("The form has expired: fetch the form again.") from exc
    except signing.BadSignature as exc:
        message = "Invalid form token: fetch a fresh one from the form's token_url."
        raise FormTokenError(message) from exc
    if data.get("form") != slug:
        raise FormTokenError("The form token belongs to another form.")
    return time.time() - data["t"]


def looks_like_a_bot(honeypot_value, token_age: float) -> bool:
    """A filled honeypot or a form sent faster than a person can fill it in."""
    return bool(honeypot_value) or token_age < settings.INTAKE_MIN_FILL_SECONDS


def client_address(request) -> str:
    """The client IP. Behind a proxy, set ``INTAKE_CLIENT_IP_HEADER`` (e.g. the proxy's
    ``HTTP_X_REAL_IP``) so each client, not the proxy, gets its own limit."""
    header = settings.INTAKE_CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _count(key, timeout):
    """Add one to the counter ``key``: one cache round trip, except for a window's first
    request, which creates the counter (``add`` never resets a count another request made)."""
    try:
        return cache.incr(key)
    except ValueError:  # no counter yet in this window
        cache.add(key, 0, timeout=timeout)
        return cache.incr(key)


@dataclass
class RateLimitResult:
    allowed: bool
    retry_after: int = 0


def check_rate_limit(request, scope="submit") -> RateLimitResult:
    """Count one request for this client in a fixed window (``INTAKE_RATE_LIMIT``).

    Fails open (allowed, with a warning on ``cms.intake``) when the cache cannot count: whether
    the backend raises or, like django-redis with ``IGNORE_EXCEPTIONS``, returns ``None``.
    """
    limit, window = settings.INTAKE_RATE_LIMIT
    now = int(time.time())
    bucket = now // window
    # Hash the address: cache keys are visible to whoever operates the cache.
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"intake:rl:{scope}:{client}:{bucket}"
    try:
        count = _count(key, timeout=window + 5)
    except Exception:  # a raising backend: any cache error means "no count"
        count = None
        exc_info = True
    else:
        exc_info = False
    # django-redis with IGNORE_EXCEPTIONS swallows the outage and returns None (or whatever
    # default) instead of raising, so a count that is not an integer is an outage too.
    if not isinstance(count, int) or isinstance(count, bool):
        logger.warning("Intake rate limit skipped: the cache is unavailable.", exc_info=exc_info)
        return RateLimitResult(allowed=True)
    if count > limit:
        return RateLimitResult(allowed=False, retry_after=window - now % window or 1)
    return RateLimitResult(allowed=True)
