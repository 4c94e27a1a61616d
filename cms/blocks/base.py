"""What every section shares: an optional anchor, labelled choices in the API, schema.org hooks."""

from wagtail import blocks

from .links import anchor_validator


class SectionBlock(blocks.StructBlock):
    """Base class for page sections.

    Subclasses declare their fields as usual. They may override:

    * :meth:`extra_api_fields` to add computed keys (such as human labels for choices) to the
      section's API representation;
    * :meth:`schema_org` to contribute to the page's schema.org ``MedicalCondition``.

    A section holding medical claims (symptoms, causes, treatments...) says so in its ``Meta``
    with ``clinical = True``: publishing a change to it then needs a medical reviewer's approval
    (see ``cms.pages.clinical``). Plugins declare theirs the same way.
    """

    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        validators=[anchor_validator],
        help_text="Optional id for links to this section, e.g. 'symptoms' for '#symptoms'.",
    )

    class Meta:
        # Collapsed sections show their heading in the editor.
        label_format = "{heading}"
        #: ``True`` for sections holding medical claims: changing one needs a new medical review.
        clinical = False

    def get_form_layout(self):
        # The anchor is a setting, not content: Wagtail shows it in the block's settings area.
        if self.meta.form_layout is None:
            content = [name for name in self.child_blocks if name != "anchor"]
            return blocks.BlockGroup(children=content, settings=["anchor"])
        return super().get_form_layout()

    def extra_api_fields(self, value, context=None) -> dict:
        return {}

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data.update(self.extra_api_fields(value, context))
        return data

    def schema_org(self, value) -> dict[str, list]:
        """Properties this section adds to the page's ``MedicalCondition``.

        Return a mapping such as ``{"signOrSymptom": [{"@type": "MedicalSignOrSymptom", ...}]}``;
        lists from every section are concatenated. The default contributes nothing.
        """
        return {}


def choice_label(block: blocks.ChoiceBlock, value) -> str | None:
    return dict(block.field.choices).get(value)
