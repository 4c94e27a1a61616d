from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "cms.intake"
    label = "intake"
    verbose_name = "Patient intake"

    def ready(self):
        from . import checks, definitions  # noqa: F401
