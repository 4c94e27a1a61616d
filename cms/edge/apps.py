from django.apps import AppConfig


class EdgeConfig(AppConfig):
    name = "cms.edge"
    label = "edge"
    verbose_name = "Request edge"
