from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "cms.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
