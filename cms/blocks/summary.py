from wagtail import blocks

from .base import SectionBlock, choice_label

OUTLOOK_LEVELS = [
    ("high", "High"),
    ("moderate", "Moderate"),
    ("low", "Low"),
    ("variable", "Varies from person to person"),
]


class RecoveryOutlookBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(choices=OUTLOOK_LEVELS, help_text="The typical recovery rate.")
    text = blocks.TextBlock(required=False, max_length=400, help_text="Optional explanation.")

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data["level_label"] = choice_label(self.child_blocks["level"], value.get("level"))
        return data

    def api_schema(self, builder):
        return builder.struct(self, extra={"level_label": str | None})


class ConditionBasicsBlock(SectionBlock):
    heading = blocks.CharBlock(max_length=120, default="At a glance")
    symptoms = blocks.ListBlock(blocks.CharBlock(max_length=80), min_num=1, label="Symptoms")
    causes = blocks.ListBlock(blocks.CharBlock(max_length=80), min_num=1, label="Causes")
    treatments = blocks.ListBlock(blocks.CharBlock(max_length=80), min_num=1, label="Treatments")
    recovery_outlook = RecoveryOutlookBlock()

    class Meta:
        icon = "list-ul"
        label = "Condition basics"
        clinical = True
        template = "blocks/condition_basics.html"
        description = "An at-a-glance summary: symptoms, causes, treatments and recovery outlook"
        preview_value = {
            "heading": "At a glance",
            "symptoms": ["Pain", "Numbness"],
            "causes": ["Wear and tear", "Injury"],
            "treatments": ["Injections", "Decompression"],
            "recovery_outlook": {"level": "high", "text": ""},
        }
