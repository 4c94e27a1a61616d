"""Page-level API fields and headless preview, beside the page models (as Wagtail keeps
``wagtail/images/api/fields.py`` beside its image model)."""
