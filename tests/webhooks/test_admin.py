import pytest
from django.urls import reverse

from cms.webhooks.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivery(db):
    endpoint = WebhookEndpoint.objects.create(
        name="Static site", url="http://127.0.0.1:9/", events=["publish"]
    )
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=Event.PUBLISH,
        payload={"event": "publish", "page": {"id": 3, "title": "Sciatica"}},
        status=DeliveryStatus.FAILED,
        status_code=502,
        attempts=3,
        error="HTTP 502: Bad gateway",
    )


def test_endpoints_are_listed(admin_client, delivery):
    response = admin_client.get(reverse("webhook_endpoints:index"))

    assert response.status_code == 200
    assert "Static site" in response.text
    assert "http://127.0.0.1:9/" in response.text
    assert "Page published" in response.text


def test_an_endpoint_is_created_with_checkbox_events(admin_client):
    response = admin_client.post(
        reverse("webhook_endpoints:add"),
        {
            "name": "Rebuild",
            "url": "https://front.example.com/rebuild",
            "events": ["publish", "delete"],
            "secret": "long-random-secret",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get(name="Rebuild")
    assert endpoint.events == ["publish", "delete"]


def test_an_endpoint_needs_at_least_one_known_event(admin_client):
    response = admin_client.post(
        reverse("webhook_endpoints:add"),
        {
            "name": "Rebuild",
            "url": "https://front.example.com/",
            "events": ["moved"],
            "secret": "x",
        },
    )

    assert response.status_code == 200
    assert not WebhookEndpoint.objects.exists()
    assert "moved is not one of the available choices" in response.text


def test_delivery_log_is_listed_and_inspectable(admin_client, delivery):
    index = admin_client.get(reverse("webhook_deliveries:index"))
    inspect = admin_client.get(reverse("webhook_deliveries:inspect", args=[delivery.pk]))

    assert index.status_code == 200
    assert "Sciatica" in index.text
    assert "502" in index.text
    assert reverse("webhook_deliveries:add") not in index.text
    assert inspect.status_code == 200
    assert "HTTP 502: Bad gateway" in inspect.text


@pytest.mark.parametrize("view", ["add", "edit", "delete"])
def test_delivery_log_is_read_only_even_for_superusers(admin_client, delivery, view):
    args = [] if view == "add" else [delivery.pk]
    response = admin_client.get(reverse(f"webhook_deliveries:{view}", args=args))

    assert response.status_code in (302, 403)
    assert WebhookDelivery.objects.filter(pk=delivery.pk, event="publish").exists()


def test_editors_without_permissions_cannot_see_webhooks(editor_client, delivery):
    assert editor_client.get(reverse("webhook_endpoints:index")).status_code in (302, 403)
    assert editor_client.get(reverse("webhook_deliveries:index")).status_code in (302, 403)
