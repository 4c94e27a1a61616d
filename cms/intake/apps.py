from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "cms.intake"
    label = "intake"
    verbose_name = "Patient intake"
