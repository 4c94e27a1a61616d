"""Webhook endpoints notified when live pages change, and the log of every delivery."""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    PUBLISH = "publish", _("Page published")
    UNPUBLISH = "unpublish", _("Page unpublished")
    DELETE = "delete", _("Page deleted")


def generate_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookEndpointQuerySet(models.QuerySet):
    def subscribed_to(self, event: str):
        """Active endpoints that asked for ``event``, without a JSON lookup (SQLite-safe)."""
        return [endpoint for endpoint in self.filter(is_active=True) if event in endpoint.events]


class WebhookEndpoint(models.Model):
    name = models.CharField(max_length=100, help_text=_("e.g. 'Static site rebuild'."))
    url = models.URLField(
        max_length=500, help_text=_("Receives a signed JSON POST for each chosen event.")
    )
    secret = models.CharField(
        max_length=128,
        default=generate_secret,
        help_text=_(
            "Shared secret for the X-CMS-Signature HMAC. Copy it to the receiver; change it to "
            "rotate."
        ),
    )
    #: A list of :class:`Event` values.
    events = models.JSONField(default=list, help_text=_("Which page events to send."))
    is_active = models.BooleanField(default=True, verbose_name=_("active"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook endpoint")

    def __str__(self):
        return self.name

    def clean(self):
        unknown = set(self.events or []) - set(Event.values)
        if not isinstance(self.events, list) or unknown:
            raise ValidationError({"events": _("Choose events among: %s.") % ", ".join(Event)})

    def get_events_display(self) -> str:
        labels = dict(Event.choices)
        return ", ".join(str(labels[e]) for e in self.events if e in labels) or "—"

    get_events_display.short_description = _("events")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RETRYING = "retrying", _("Retrying")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event sent to one endpoint, with every attempt recorded in ``attempt_log``."""

    uuid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text="Sent as X-CMS-Delivery."
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=20, choices=Event.choices)
    payload = models.JSONField()
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("HTTP status of the last attempt.")
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True, help_text=_("Why the last attempt failed."))
    #: ``[{"at": iso datetime, "status_code": int | None, "error": str}, ...]``
    attempt_log = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_event_display()} → {self.endpoint} ({self.get_status_display()})"

    @property
    def page_title(self) -> str:
        return (self.payload.get("page") or {}).get("title", "")
