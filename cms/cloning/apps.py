from django.apps import AppConfig


class CloningConfig(AppConfig):
    name = "cms.cloning"
    label = "cloning"
    verbose_name = "Condition templates"
