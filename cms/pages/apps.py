from django.apps import AppConfig
from django.db.models.signals import post_save


def put_new_indexes_through_medical_review(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .reviewing import assign_review_workflow

        assign_review_workflow(instance)


class PagesConfig(AppConfig):
    name = "cms.pages"
    label = "pages"
    verbose_name = "Pages"

    def ready(self):
        from cms.blocks.registry import section_registry

        from . import siteconfig
        from .models import ConditionIndexPage

        # Read every section plugin now, so a broken one stops start-up, not the first request.
        section_registry.scan()
        siteconfig.connect()
        # Every condition index, however it is created, carries the "Medical review" workflow.
        post_save.connect(
            put_new_indexes_through_medical_review,
            sender=ConditionIndexPage,
            dispatch_uid="pages.medical_review_workflow",
        )
