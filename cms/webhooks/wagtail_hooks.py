"""Admin: webhook endpoints (editable) and their delivery log (read-only), under "Webhooks"."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .forms import WebhookEndpointForm
from .models import WebhookDelivery, WebhookEndpoint


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes log entries in the admin, not even superusers."""

    READ_ONLY_ACTIONS = {"view"}

    def user_has_permission(self, user, action):
        return action in self.READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery))


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = "Endpoints"
    add_to_reference_index = False
    list_display = ["name", "url", "get_events_display", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("events"),
            FieldPanel("secret"),
            FieldPanel("is_active"),
        ],
        base_form_class=WebhookEndpointForm,
    )


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "history"
    menu_label = "Delivery log"
    # Log rows reference nothing editors navigate to; indexing each one would cost a task per row.
    add_to_reference_index = False
    list_display = [
        "__str__",
        "page_title",
        "status_code",
        "attempts",
        "created_at",
        "last_attempt_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    search_fields = ["error"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "endpoint",
        "event",
        "status",
        "status_code",
        "attempts",
        "error",
        "payload",
        "attempt_log",
        "uuid",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
    ]
    # Never rendered (no add or edit permission), but ModelViewSet requires a form definition.
    form_fields = ["event"]


class WebhooksViewSetGroup(ModelViewSetGroup):
    menu_label = "Webhooks"
    menu_icon = "link-external"
    menu_order = 900
    items = (
        WebhookEndpointViewSet("webhook_endpoints"),
        WebhookDeliveryViewSet("webhook_deliveries"),
    )


@hooks.register("register_admin_viewset")
def register_webhooks_viewsets():
    return WebhooksViewSetGroup()
