"""Sending one delivery: sign, POST, record the attempt, and retry with backoff.

Retry policy (``WEBHOOKS_RETRY_DELAYS``, seconds before each retry, so a delivery gets
``len(delays) + 1`` attempts): any network error or non-2xx response is retried.

* With a task backend that supports ``run_after`` (a real queue), each attempt is one task run and
  a retry is the same task re-enqueued to run after the delay: no worker ever sleeps.
* With a backend that runs tasks inline (the immediate backend), retries happen inside the task,
  waiting with the injected ``sleep``; keep the delays short there.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

import requests
from django.conf import settings
from django.utils import timezone

from . import signing
from .models import DeliveryStatus, WebhookDelivery

logger = logging.getLogger("cms.webhooks")

MAX_ERROR_LENGTH = 1000


@dataclass(frozen=True)
class AttemptResult:
    status_code: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def encode_payload(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def post(delivery: WebhookDelivery) -> AttemptResult:
    """The transport: one signed POST to the delivery's endpoint, never raising."""
    endpoint = delivery.endpoint
    body = encode_payload(delivery.payload)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "condition-cms-webhooks/1",
        signing.EVENT_HEADER: delivery.event,
        signing.DELIVERY_HEADER: str(delivery.uuid),
        signing.TIMESTAMP_HEADER: str(timestamp),
        signing.SIGNATURE_HEADER: signing.sign(endpoint.secret, timestamp, body),
    }
    try:
        response = requests.post(
            endpoint.url,
            data=body,
            headers=headers,
            timeout=settings.WEBHOOKS_TIMEOUT,
            # A redirect is a misconfigured endpoint, not a delivery: report it.
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        return AttemptResult(None, f"{type(exc).__name__}: {exc}"[:MAX_ERROR_LENGTH])
    if 200 <= response.status_code < 300:
        return AttemptResult(response.status_code)
    return AttemptResult(
        response.status_code,
        f"HTTP {response.status_code}: {response.text}"[:MAX_ERROR_LENGTH],
    )


def retry_delays() -> list[int]:
    return [int(d) for d in settings.WEBHOOKS_RETRY_DELAYS]


def record_attempt(delivery: WebhookDelivery, result: AttemptResult) -> None:
    now = timezone.now()
    delivery.attempts += 1
    delivery.status_code = result.status_code
    delivery.error = result.error
    delivery.last_attempt_at = now
    delivery.next_attempt_at = None
    delivery.attempt_log = [
        *delivery.attempt_log,
        {"at": now.isoformat(), "status_code": result.status_code, "error": result.error},
    ]
    if result.ok:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.delivered_at = now
        logger.info("Webhook %s delivered to %s", delivery.uuid, delivery.endpoint.url)
    elif delivery.attempts > len(retry_delays()):
        delivery.status = DeliveryStatus.FAILED
        logger.warning(
            "Webhook %s to %s failed after %d attempts: %s",
            delivery.uuid,
            delivery.endpoint.url,
            delivery.attempts,
            result.error,
        )
    else:
        delivery.status = DeliveryStatus.RETRYING
        logger.info(
            "Webhook %s to %s failed (attempt %d), will retry: %s",
            delivery.uuid,
            delivery.endpoint.url,
            delivery.attempts,
            result.error,
        )
    delivery.save()


def deliver(delivery: WebhookDelivery, *, transport=post, sleep=time.sleep, defer=None) -> str:
    """Attempt ``delivery`` until it succeeds, fails for good, or is handed back to the queue.

    :param transport: sends one attempt and returns an :class:`AttemptResult` (tests inject one).
    :param sleep: waits between inline retries (tests inject a recorder instead of sleeping).
    :param defer: ``defer(delivery, run_after)`` re-enqueues the delivery, or ``None`` to retry
        inline. The task passes one when its backend supports ``run_after``.
    :returns: the delivery's final status for this run.
    """
    delays = retry_delays()
    while delivery.status not in (DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED):
        if not delivery.endpoint.is_active:
            delivery.status = DeliveryStatus.FAILED
            delivery.error = "The endpoint was deactivated before the delivery succeeded."
            delivery.save(update_fields=["status", "error"])
            break
        record_attempt(delivery, transport(delivery))
        if delivery.status != DeliveryStatus.RETRYING:
            break
        delay = delays[delivery.attempts - 1]
        if defer is not None:
            delivery.next_attempt_at = timezone.now() + timedelta(seconds=delay)
            delivery.save(update_fields=["next_attempt_at"])
            defer(delivery, delivery.next_attempt_at)
            break
        sleep(delay)
    return delivery.status
