"""The ``intake_form`` page section: places a reusable intake form on a page."""

from django.urls import reverse
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import SectionBlock


class IntakeFormChooserBlock(SnippetChooserBlock):
    """Loads every form of a page, and all their rows, in two queries."""

    def bulk_to_python(self, values):
        intake_forms = super().bulk_to_python(values)
        self.model_class.load_rows([f for f in intake_forms if f is not None])
        return intake_forms


class IntakeFormBlock(SectionBlock):
    heading = blocks.CharBlock(max_length=120, default="Tell us about your pain")
    intro = blocks.TextBlock(required=False, max_length=600)
    form = IntakeFormChooserBlock("intake.IntakeForm")

    class Meta:
        icon = "form"
        label = "Intake form"
        template = "blocks/intake_form.html"
        description = "A patient intake questionnaire built under Snippets › Intake forms"
        preview_value = {"heading": "Tell us about your pain", "intro": "A few short questions."}

    def get_context(self, value, parent_context=None):
        """A start button to the uncached step 1 at ``/intake/<slug>/``.

        The page itself is cached and shared, so it carries no CSRF token, form token or cookie;
        step 1 issues them.
        """
        context = super().get_context(value, parent_context)
        intake_form = value.get("form")
        if intake_form is not None:
            start_url = reverse("intake:form", args=[intake_form.slug])
            page = context.get("page")
            if page is not None and page.pk:
                start_url += f"?page={page.pk}"
            context.update({"intake_form": intake_form, "start_url": start_url})
        return context

    def extra_api_fields(self, value, context=None):
        """Embed the whole form schema; the per-visitor token comes from its ``token_url``."""
        from .api import form_schema

        intake_form = value.get("form")
        return {"form": form_schema(intake_form) if intake_form else None}

    def api_schema(self, builder):
        # The chosen form's id is replaced by its whole schema.
        from .api import IntakeFormSchema

        return builder.struct(self, extra={"form": IntakeFormSchema | None})
