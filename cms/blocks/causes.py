from wagtail import blocks

from .base import SectionBlock


class CauseBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    description = blocks.TextBlock(max_length=1200)


class CauseListBlock(SectionBlock):
    heading = blocks.CharBlock(max_length=120)
    intro = blocks.TextBlock(required=False, max_length=1000)
    causes = blocks.ListBlock(CauseBlock(), min_num=1)
    less_common_causes = blocks.TextBlock(
        required=False, max_length=1200, help_text="Optional paragraph on rarer causes."
    )

    class Meta:
        icon = "help"
        label = "Cause list"
        clinical = True
        template = "blocks/cause_list.html"
        description = "Common causes with explanations, plus less common ones"
        preview_value = {
            "heading": "Causes",
            "causes": [{"title": "Scar tissue", "description": "Scar tissue can press on nerves."}],
        }

    def schema_org(self, value):
        return {
            "cause": [
                {
                    "@type": "MedicalCause",
                    "name": cause["title"],
                    "description": cause["description"],
                }
                for cause in value.get("causes", [])
            ]
        }
