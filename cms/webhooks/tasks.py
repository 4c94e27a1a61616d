"""Background work: one task run per delivery (or per attempt, on a queue that can defer)."""

from django_tasks import task

from .delivery import deliver
from .models import DeliveryStatus, WebhookDelivery


def _defer(delivery, run_after):
    deliver_webhook.using(run_after=run_after).enqueue(delivery.pk)


@task()
def deliver_webhook(delivery_id: int) -> str:
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None:  # its endpoint was deleted meanwhile
        return "missing"
    if delivery.status in (DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED):
        return delivery.status
    can_defer = deliver_webhook.get_backend().supports_defer
    return deliver(delivery, defer=_defer if can_defer else None)
