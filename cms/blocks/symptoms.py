from django.core.exceptions import ValidationError
from wagtail import blocks

from .base import SectionBlock

BODY_REGIONS = [
    ("lumbar", "Lumbar spine (lower back)"),
    ("cervical", "Cervical spine (neck)"),
    ("thoracic", "Thoracic spine (upper and mid back)"),
    ("other", "Other"),
]


class SymptomGroupValue(blocks.StructValue):
    @property
    def region_label(self):
        if self.get("region") == "other":
            return self.get("custom_label")
        return dict(BODY_REGIONS).get(self.get("region"))


class SymptomGroupBlock(blocks.StructBlock):
    region = blocks.ChoiceBlock(choices=BODY_REGIONS, default="lumbar")
    custom_label = blocks.CharBlock(
        required=False, max_length=80, help_text="Name of the region when 'Other' is chosen."
    )
    description = blocks.TextBlock(
        required=False, max_length=600, help_text="Optional sentence introducing this region."
    )
    items = blocks.ListBlock(blocks.CharBlock(max_length=200), min_num=1, label="Symptoms")

    class Meta:
        value_class = SymptomGroupValue

    def clean(self, value):
        value = super().clean(value)
        if value.get("region") == "other" and not (value.get("custom_label") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"custom_label": ValidationError("Name the region for 'Other'.")}
            )
        return value

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data["region_label"] = value.region_label
        return data

    def api_schema(self, builder):
        return builder.struct(self, extra={"region_label": str | None})


class SymptomListBlock(SectionBlock):
    heading = blocks.CharBlock(max_length=120)
    intro = blocks.TextBlock(required=False, max_length=1000)
    groups = blocks.ListBlock(SymptomGroupBlock(), min_num=1, label="Groups by body region")
    warning = blocks.TextBlock(
        required=False,
        max_length=600,
        help_text="Optional warning sign to call out, e.g. foot drop.",
    )

    class Meta:
        icon = "warning"
        label = "Symptom list"
        clinical = True
        template = "blocks/symptom_list.html"
        description = "Symptoms grouped by body region, with an optional warning note"
        preview_value = {
            "heading": "Symptoms",
            "groups": [{"region": "lumbar", "items": ["Lower back pain", "Leg pain"]}],
            "warning": "Sudden weakness lifting the front of the foot needs prompt attention.",
        }

    def schema_org(self, value):
        return {
            "signOrSymptom": [
                {"@type": "MedicalSignOrSymptom", "name": item}
                for group in value.get("groups", [])
                for item in group.get("items", [])
            ]
        }
