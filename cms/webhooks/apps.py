from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "cms.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
