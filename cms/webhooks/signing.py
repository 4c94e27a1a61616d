"""HMAC-SHA256 signatures for webhook requests, and their verification by a receiver.

The signed message is ``f"{timestamp}.".encode() + body``: the timestamp (Unix seconds, sent in
``X-CMS-Timestamp``) is covered by the signature, so a captured request cannot be replayed later
with a fresh timestamp. Receivers reject requests whose timestamp is older than a few minutes.
:func:`verify_signature` is the reference implementation ``docs/webhooks.md`` describes.
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-CMS-Signature"
TIMESTAMP_HEADER = "X-CMS-Timestamp"
EVENT_HEADER = "X-CMS-Event"
DELIVERY_HEADER = "X-CMS-Delivery"
SCHEME = "sha256"
DEFAULT_TOLERANCE = 300  # seconds


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The ``X-CMS-Signature`` value for ``body`` sent at ``timestamp``."""
    message = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"{SCHEME}={digest}"


def verify_signature(
    secret: str,
    body: bytes,
    timestamp: str,
    signature: str,
    *,
    tolerance: int = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> bool:
    """Whether a received request is authentic and fresh.

    :param timestamp: the raw ``X-CMS-Timestamp`` header.
    :param signature: the raw ``X-CMS-Signature`` header.
    :param tolerance: how many seconds old (or ahead) a request may be.
    """
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - sent_at) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, sent_at, body), signature or "")
