from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cms.api"
    label = "cms_api"
    verbose_name = "Delivery API"

    def ready(self):
        # openapi must run before wagtail.api.v3.registry is imported (it builds every page
        # schema at import time): it types page bodies section by section.
        from . import counts, openapi, signals  # noqa: F401

        signals.connect()
        counts.connect()
