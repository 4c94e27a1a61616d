"""Retries, backoff and the delivery log."""

import socket
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from cms.webhooks.delivery import AttemptResult, deliver
from cms.webhooks.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint
from cms.webhooks.signal_handlers import dispatch
from cms.webhooks.tasks import deliver_webhook

pytestmark = pytest.mark.django_db

PAGE = {"id": 7, "type": "pages.ConditionPage", "path": "/x/", "url": None, "title": "X"}


def make_delivery(endpoint):
    return WebhookDelivery.objects.create(
        endpoint=endpoint, event=Event.PUBLISH, payload={"event": "publish", "page": PAGE}
    )


def test_a_failed_attempt_is_retried_then_succeeds(endpoint, receiver):
    receiver.respond_with(503)

    [delivery] = dispatch(Event.PUBLISH, PAGE, timezone.now())

    delivery.refresh_from_db()
    assert len(receiver.requests) == 2
    # Both attempts carry the same delivery id, so a receiver can drop duplicates.
    assert len({r.headers["X-CMS-Delivery"] for r in receiver.requests}) == 1
    assert (delivery.status, delivery.status_code, delivery.attempts) == (
        DeliveryStatus.SUCCEEDED,
        200,
        2,
    )
    assert [a["status_code"] for a in delivery.attempt_log] == [503, 200]
    assert delivery.attempt_log[0]["error"].startswith("HTTP 503")
    assert delivery.error == ""


def test_a_delivery_that_keeps_failing_is_logged_as_failed(endpoint, receiver, settings):
    settings.WEBHOOKS_RETRY_DELAYS = [0, 0, 0]
    receiver.respond_with(500, 500, 500, 500, 500)

    [delivery] = dispatch(Event.PUBLISH, PAGE, timezone.now())

    delivery.refresh_from_db()
    assert len(receiver.requests) == 4
    assert (delivery.status, delivery.status_code, delivery.attempts) == (
        DeliveryStatus.FAILED,
        500,
        4,
    )
    assert len(delivery.attempt_log) == 4
    assert delivery.error.startswith("HTTP 500")
    assert delivery.delivered_at is None


def test_network_errors_are_logged(db):
    with socket.socket() as sock:  # a port on loopback that nobody listens on
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    endpoint = WebhookEndpoint.objects.create(
        name="down", url=f"http://127.0.0.1:{closed_port}/", events=["publish"]
    )

    [delivery] = dispatch(Event.PUBLISH, PAGE, timezone.now())

    delivery.refresh_from_db()
    assert delivery.endpoint == endpoint
    assert (delivery.status, delivery.status_code, delivery.attempts) == (
        DeliveryStatus.FAILED,
        None,
        3,
    )
    assert "ConnectionError" in delivery.error


def test_inline_retries_wait_for_the_configured_backoff(endpoint, settings):
    settings.WEBHOOKS_RETRY_DELAYS = [3, 30]
    outcomes = [AttemptResult(None, "timeout"), AttemptResult(502, "HTTP 502"), AttemptResult(204)]
    waited = []

    status = deliver(
        make_delivery(endpoint), transport=lambda d: outcomes.pop(0), sleep=waited.append
    )

    assert status == DeliveryStatus.SUCCEEDED
    assert waited == [3, 30]


def test_a_deactivated_endpoint_stops_retries(endpoint):
    delivery = make_delivery(endpoint)
    endpoint.is_active = False
    endpoint.save()
    delivery.refresh_from_db()

    status = deliver(delivery, transport=pytest.fail)

    assert status == DeliveryStatus.FAILED
    assert "deactivated" in delivery.error


@pytest.fixture
def queue(settings):
    """A task backend that supports run_after and only records what is enqueued."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def webhook_tasks(queue):
    return [r for r in queue.results if r.task.func is deliver_webhook.func]


def test_on_a_queue_retries_are_reenqueued_with_run_after(endpoint, receiver, queue, settings):
    settings.WEBHOOKS_RETRY_DELAYS = [60, 600]
    receiver.respond_with(500)

    [delivery] = dispatch(Event.PUBLISH, PAGE, timezone.now())
    [first] = webhook_tasks(queue)
    assert first.task.run_after is None
    assert receiver.requests == []  # nothing is sent until a worker runs the task

    before = timezone.now()
    assert deliver_webhook.call(*first.args) == DeliveryStatus.RETRYING
    [_, retry] = webhook_tasks(queue)
    assert retry.args == [delivery.pk]
    assert retry.task.run_after - before >= timedelta(seconds=60)
    assert retry.task.run_after - before < timedelta(seconds=70)
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == retry.task.run_after
    assert len(receiver.requests) == 1

    assert deliver_webhook.call(*retry.args) == DeliveryStatus.SUCCEEDED
    assert len(webhook_tasks(queue)) == 2
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.next_attempt_at) == (2, None)
    # A duplicate run of a finished delivery sends nothing more.
    assert deliver_webhook.call(delivery.pk) == DeliveryStatus.SUCCEEDED
    assert len(receiver.requests) == 2
