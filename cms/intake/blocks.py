"""The ``intake_form`` page section: places a reusable intake form on a page."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import SectionBlock


class IntakeFormBlock(SectionBlock):
    heading = blocks.CharBlock(max_length=120, default="Tell us about your pain")
    intro = blocks.TextBlock(required=False, max_length=600)
    form = SnippetChooserBlock("intake.IntakeForm")

    class Meta:
        icon = "form"
        label = "Intake form"
        template = "blocks/intake_form.html"
        description = "A patient intake questionnaire built under Snippets › Intake forms"
        preview_value = {"heading": "Tell us about your pain", "intro": "A few short questions."}

    def get_context(self, value, parent_context=None):
        from .rendering import step_context

        context = super().get_context(value, parent_context)
        intake_form = value.get("form")
        if intake_form is not None:
            form = intake_form.get_form_class()()
            context.update(step_context(intake_form, form, 0, page=context.get("page")))
        return context

    def extra_api_fields(self, value, context=None):
        """Embed the whole form schema so a front-end needs no second request."""
        from .api import form_schema_with_token

        intake_form = value.get("form")
        return {"form": form_schema_with_token(intake_form) if intake_form else None}

    def api_schema(self, builder):
        # The chosen form's id is replaced by its whole schema.
        from .api import IntakeFormSchema

        return builder.struct(self, extra={"form": IntakeFormSchema | None})
