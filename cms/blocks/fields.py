from wagtail.fields import StreamField

from .registry import section_registry


class SectionsField(StreamField):
    """A page body whose section types come from the section registry.

    The allowed sections are looked up for the model the field belongs to each time the field is
    read, so installing or removing a section plugin changes the editor and the API without a
    migration: the field deconstructs to the same value whatever is registered.

    ``sections_of="pages.ConditionPage"`` offers the sections of another page type instead of the
    field's own model (a condition template holds a condition page's body).
    """

    def __init__(self, *args, sections_of=None, **kwargs):
        # Positional/lookup arguments may arrive from old migrations; the registry replaces them.
        kwargs.pop("block_lookup", None)
        self.sections_of = sections_of
        super().__init__([], **kwargs)

    @property
    def stream_block(self):
        label = self.sections_of or self.model._meta.label_lower
        block = section_registry.stream_block_for(label)
        block.set_meta_options(self.block_opts)
        return block

    def deconstruct(self):
        name, _path, _args, kwargs = super(StreamField, self).deconstruct()
        if self.sections_of:
            kwargs["sections_of"] = self.sections_of
        return name, "cms.blocks.fields.SectionsField", [], kwargs
