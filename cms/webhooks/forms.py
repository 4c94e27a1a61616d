from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Event


class WebhookEndpointForm(WagtailAdminModelForm):
    """Edits ``events`` (a JSON list) as checkboxes."""

    events = forms.MultipleChoiceField(
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Which page events to send.",
    )
