from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "cms.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import signal_handlers, task_queue  # noqa: F401
