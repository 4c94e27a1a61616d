from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "cms.pages"
    label = "pages"
    verbose_name = "Pages"

    def ready(self):
        from cms.blocks.registry import section_registry

        # Read every section plugin now, so a broken one stops start-up, not the first request.
        section_registry.scan()
