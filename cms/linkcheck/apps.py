from django.apps import AppConfig


class LinkcheckConfig(AppConfig):
    name = "cms.linkcheck"
    label = "linkcheck"
    verbose_name = "Reference link check"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
