"""Turns Wagtail's page signals into webhook deliveries, once the change is committed.

Events:

* ``publish``: ``page_published`` (editor publish, scheduled publish, copy of a live page).
* ``unpublish``: ``page_unpublished``.
* ``delete``: Wagtail unpublishes every live page (and live descendant) in ``pre_delete``, inside
  the deletion's transaction. An ``unpublish`` whose page no longer exists when that transaction
  commits is therefore reported as ``delete``: deleting a live page sends exactly one ``delete``,
  deleting a page that never went live (or was already unpublished) sends nothing, and the result
  does not depend on the order in which signal receivers run.

Saving a draft sends no signal of these, hence no webhook.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .models import Event, WebhookDelivery, WebhookEndpoint
from .tasks import deliver_webhook


def page_reference(page) -> dict:
    """What a receiver needs to find the page again: ``{id, type, path, url, title}``."""
    url_parts = page.get_url_parts()
    path = url = None
    if url_parts is not None:
        _site_id, root_url, path = url_parts
        url = f"{root_url}{path}" if root_url else None
    model = page.specific_class or type(page)
    return {
        "id": page.pk,
        "type": model._meta.label,
        "path": path,
        "url": url,
        "title": page.title,
    }


def dispatch(event: str, page: dict, occurred_at) -> list[WebhookDelivery]:
    """Create one delivery per subscribed endpoint and enqueue it. Runs after commit."""
    if event == Event.UNPUBLISH and not Page.objects.filter(pk=page["id"]).exists():
        event = Event.DELETE
    payload = {"event": str(event), "page": page, "timestamp": occurred_at.isoformat()}
    deliveries = [
        WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=payload)
        for endpoint in WebhookEndpoint.objects.subscribed_to(event)
    ]
    for delivery in deliveries:
        deliver_webhook.enqueue(delivery.pk)
    return deliveries


def schedule(event: str, page) -> None:
    # The page is described now (it may be gone by commit time); sending waits for the commit so
    # a rolled-back publish is never announced and receivers read the committed content.
    transaction.on_commit(
        partial(dispatch, event, page_reference(page), timezone.now()), robust=True
    )


def on_page_published(sender, instance, **kwargs):
    schedule(Event.PUBLISH, instance)


def on_page_unpublished(sender, instance, **kwargs):
    schedule(Event.UNPUBLISH, instance)


def register_signal_handlers():
    page_published.connect(on_page_published, dispatch_uid="webhooks_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="webhooks_page_unpublished")
