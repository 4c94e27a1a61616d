"""Which page changes send which webhooks, delivered for real to a receiver on 127.0.0.1."""

import pytest
from django.db import transaction

from cms.webhooks.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint
from cms.webhooks.signing import verify_signature
from tests.factories import ConditionPageFactory, publish_approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(condition_index):
    return ConditionPageFactory(
        parent=condition_index, title="Sciatica", slug="sciatica", body__0="hero"
    )


def publish(page):
    publish_approved(page)


def test_publish_posts_signed_json_describing_the_page(
    page, endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)

    [request] = receiver.requests
    assert request.path == "/hooks/rebuild"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-CMS-Event"] == "publish"
    assert verify_signature(
        "s3cret",
        request.body,
        request.headers["X-CMS-Timestamp"],
        request.headers["X-CMS-Signature"],
    )
    payload = request.json
    assert payload["event"] == "publish"
    assert payload["page"] == {
        "id": page.pk,
        "type": "pages.ConditionPage",
        "path": "/conditions/sciatica/",
        "url": "http://testserver/conditions/sciatica/",
        "title": "Sciatica",
    }
    assert payload["timestamp"]

    delivery = WebhookDelivery.objects.get()
    assert str(delivery.uuid) == request.headers["X-CMS-Delivery"]
    assert (delivery.status, delivery.status_code, delivery.attempts) == (
        DeliveryStatus.SUCCEEDED,
        200,
        1,
    )
    assert delivery.payload == payload
    assert delivery.delivered_at is not None


def test_only_active_endpoints_subscribed_to_the_event_are_notified(
    page, receiver, django_capture_on_commit_callbacks
):
    on_publish = WebhookEndpoint.objects.create(name="p", url=receiver.url, events=["publish"])
    on_unpublish = WebhookEndpoint.objects.create(name="u", url=receiver.url, events=["unpublish"])
    WebhookEndpoint.objects.create(
        name="off", url=receiver.url, events=list(Event.values), is_active=False
    )

    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert [r.json["event"] for r in receiver.requests] == ["publish", "unpublish"]
    assert set(WebhookDelivery.objects.values_list("endpoint", "event")) == {
        (on_publish.pk, "publish"),
        (on_unpublish.pk, "unpublish"),
    }


def test_draft_saves_send_nothing(page, endpoint, receiver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page.title = "Sciatica (draft)"
        page.save_revision()

    assert callbacks == []
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_nothing_is_sent_when_the_publish_rolls_back(
    page, endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            publish(page)
            raise RuntimeError("the request failed after publishing")

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_deleting_a_live_page_sends_one_delete_event(
    page, endpoint, receiver, django_capture_on_commit_callbacks
):
    page_id = page.pk
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()

    [request] = receiver.requests
    assert request.json["event"] == "delete"
    assert request.json["page"]["id"] == page_id
    assert request.json["page"]["path"] == "/conditions/sciatica/"
    assert WebhookDelivery.objects.get().event == Event.DELETE


def test_deleting_a_page_that_is_not_live_sends_nothing(
    condition_index, endpoint, receiver, django_capture_on_commit_callbacks
):
    draft = ConditionPageFactory(parent=condition_index, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()

    assert receiver.requests == []


def test_deleting_a_section_reports_each_live_page_in_it(
    condition_index, endpoint, receiver, django_capture_on_commit_callbacks
):
    live = ConditionPageFactory(parent=condition_index)
    ConditionPageFactory(parent=condition_index, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        condition_index.delete()

    deleted = sorted(r.json["page"]["id"] for r in receiver.requests)
    assert {r.json["event"] for r in receiver.requests} == {"delete"}
    assert deleted == sorted([condition_index.pk, live.pk])
