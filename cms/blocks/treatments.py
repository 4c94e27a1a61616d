from wagtail import blocks

from .base import SectionBlock
from .images import FigureBlock
from .links import OptionalLinkBlock

INTENSITIES = [
    ("conservative", "Conservative"),
    ("minimally_invasive", "Minimally invasive"),
    ("surgical", "Surgical"),
]

SCHEMA_ORG_THERAPY = {
    "conservative": "MedicalTherapy",
    "minimally_invasive": "MedicalProcedure",
    "surgical": "MedicalProcedure",
}


class TreatmentTierValue(blocks.StructValue):
    @property
    def intensity_label(self):
        return dict(INTENSITIES).get(self.get("intensity"))


class TreatmentTierBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120)
    intensity = blocks.ChoiceBlock(choices=INTENSITIES, default="conservative")
    description = blocks.TextBlock(max_length=1500)
    examples = blocks.ListBlock(
        blocks.CharBlock(max_length=120), min_num=0, default=[], help_text="Optional examples."
    )
    relief_notes = blocks.TextBlock(
        required=False, max_length=400, help_text="Expected relief, e.g. 'up to a year'."
    )
    recovery_notes = blocks.TextBlock(
        required=False, max_length=400, help_text="Expected recovery, e.g. 'overnight stay'."
    )
    image = FigureBlock()
    link = OptionalLinkBlock(label="Learn more link")

    class Meta:
        value_class = TreatmentTierValue

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data["intensity_label"] = value.intensity_label
        return data

    def api_schema(self, builder):
        return builder.struct(self, extra={"intensity_label": str | None})


class TreatmentTiersBlock(SectionBlock):
    heading = blocks.CharBlock(max_length=120)
    intro = blocks.TextBlock(required=False, max_length=1000)
    tiers = blocks.ListBlock(
        TreatmentTierBlock(), min_num=1, help_text="From least to most intensive."
    )

    class Meta:
        icon = "pick"
        label = "Treatment tiers"
        clinical = True
        template = "blocks/treatment_tiers.html"
        description = "Ordered treatment options, from conservative care to surgery"
        preview_value = {
            "heading": "Treatments",
            "tiers": [
                {
                    "name": "Conservative care",
                    "intensity": "conservative",
                    "description": "Injections and physical therapy.",
                    "examples": ["Nerve root block"],
                }
            ],
        }

    def schema_org(self, value):
        return {
            "possibleTreatment": [
                {
                    "@type": SCHEMA_ORG_THERAPY.get(tier["intensity"], "MedicalTherapy"),
                    "name": tier["name"],
                    "description": tier["description"],
                }
                for tier in value.get("tiers", [])
            ]
        }
