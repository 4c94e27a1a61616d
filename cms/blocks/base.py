"""What every section shares: an optional anchor, labelled choices in the API, schema.org hooks."""

from wagtail import blocks

from cms.edge.scope import remembered

from .links import anchor_validator


class SectionBlock(blocks.StructBlock):
    """Base class for page sections.

    Subclasses declare their fields as usual. They may override:

    * :meth:`extra_api_fields` to add computed keys (such as human labels for choices) to the
      section's API representation, together with :meth:`api_schema`, which types them;
    * :meth:`schema_org` to contribute to the page's schema.org ``MedicalCondition``;
    * :meth:`cited_links` to have the reference link check visit the sources it cites.

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
    unwritten = blocks.BooleanBlock(
        required=False,
        label="Not written yet",
        help_text="This section holds writing guidance from a template, not content. Write it, "
        "then untick this box: until then it is never shown, and the page cannot be published.",
    )

    #: Children that are editorial settings, never served by the API.
    api_private_children = ("unwritten",)

    class Meta:
        # Collapsed sections show their heading in the editor.
        label_format = "{heading}"
        #: ``True`` for sections holding medical claims: changing one needs a new medical review.
        clinical = False

    def get_form_layout(self):
        # The anchor and the guidance flag are settings, not content: Wagtail shows them in the
        # block's settings area.
        if self.meta.form_layout is None:
            settings = [name for name in ("anchor", "unwritten") if name in self.child_blocks]
            content = [name for name in self.child_blocks if name not in settings]
            return blocks.BlockGroup(children=content, settings=settings)
        return super().get_form_layout()

    def extra_api_fields(self, value, context=None) -> dict:
        return {}

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        for name in self.api_private_children:
            data.pop(name, None)
        data.update(self.extra_api_fields(value, context))
        return data

    def api_schema(self, builder):
        """The annotation of :meth:`get_api_representation` (see :mod:`cms.blocks.schema`).

        A subclass that overrides :meth:`extra_api_fields` declares its own, e.g.
        ``builder.struct(self, extra={"open_now": bool})``; one that doesn't is served untyped.
        """
        return builder.struct(self)

    def schema_org(self, value) -> dict[str, list]:
        """Properties this section adds to the page's ``MedicalCondition``.

        Return a mapping such as ``{"signOrSymptom": [{"@type": "MedicalSignOrSymptom", ...}]}``;
        lists from every section are concatenated. The default contributes nothing.
        """
        return {}

    def schema_org_page(self, value) -> dict[str, list]:
        """Properties this section adds to the ``MedicalWebPage`` itself (e.g. ``citation``),
        merged the same way as :meth:`schema_org`."""
        return {}

    def cited_links(self, value) -> list[str]:
        """Absolute URLs of the sources this section cites (its evidence).

        The reference link check (``cms.linkcheck``) visits every one on the live pages and lists
        those that stop answering. The default cites nothing.
        """
        return []


def is_unwritten(value) -> bool:
    """Whether a section's value is template guidance its editor has not written yet."""
    return bool(hasattr(value, "get") and value.get("unwritten"))


def written_sections(stream_value):
    """The sections of a body that may be shown: guidance left unwritten never is."""
    return [child for child in stream_value or () if not is_unwritten(child.value)]


def choice_label(block: blocks.ChoiceBlock, value) -> str | None:
    # Choices may be a callable: read once per request (cms.edge.scope), not once per value.
    labels = remembered(("cms.blocks.choices", id(block)), lambda: dict(block.field.choices))
    return labels.get(value)
