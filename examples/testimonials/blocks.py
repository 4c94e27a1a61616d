"""The testimonial section: a quote from a patient, built only from public ``cms.blocks`` parts."""

from django.core.exceptions import ValidationError
from wagtail import blocks

from cms.blocks import FigureBlock, SectionBlock


class TestimonialBlock(SectionBlock):
    """A patient's words about their treatment.

    Inherits ``anchor`` and the API hooks from :class:`cms.blocks.SectionBlock`; the photo reuses
    :class:`cms.blocks.FigureBlock`, so alt text is required and the API gets renditions.
    """

    heading = blocks.CharBlock(required=False, max_length=120)
    quote = blocks.TextBlock(max_length=800, help_text="The patient's words, without quotes.")
    name = blocks.CharBlock(
        max_length=80, help_text="How the patient agreed to be named, e.g. 'Maria, 54'."
    )
    treatment = blocks.CharBlock(
        required=False, max_length=120, help_text="Optional: the treatment they had."
    )
    consent_on_file = blocks.BooleanBlock(
        required=False,
        help_text="Tick once the patient's written consent to publish is on file.",
    )
    photo = FigureBlock()

    class Meta:
        icon = "openquote"
        label = "Testimonial"
        template = "blocks/testimonial.html"
        description = "A patient's quote about their treatment, with optional photo"
        preview_value = {
            "heading": "In their words",
            "quote": "After years of pain I can walk my dog again.",
            "name": "Maria, 54",
            "treatment": "Decompression",
            "consent_on_file": True,
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("consent_on_file"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "consent_on_file": ValidationError(
                        "Publish a testimonial only with the patient's written consent on file."
                    )
                }
            )
        return value

    def extra_api_fields(self, value, context=None):
        # Front-ends render the attribution line as is; consent is an editorial detail.
        return {"attribution": self.attribution(value)}

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data.pop("consent_on_file", None)
        return data

    def api_schema(self, builder):
        # The representation above differs from the children, so it is declared for the OpenAPI
        # document; ``builder`` is handed in, so the plugin needs no import from cms.api.
        return builder.struct(self, extra={"attribution": str}, exclude=("consent_on_file",))

    @staticmethod
    def attribution(value) -> str:
        if value.get("treatment"):
            return f"{value['name']}, after {value['treatment'].lower()}"
        return value["name"]
