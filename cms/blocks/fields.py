from wagtail.fields import StreamField

from .registry import section_registry


class SectionsField(StreamField):
    """A page body whose section types come from the section registry.

    The allowed sections are looked up for the model the field belongs to each time the field is
    read, so installing or removing a section plugin changes the editor and the API without a
    migration: the field deconstructs to the same value whatever is registered.
    """

    def __init__(self, *args, **kwargs):
        # Positional/lookup arguments may arrive from old migrations; the registry replaces them.
        kwargs.pop("block_lookup", None)
        super().__init__([], **kwargs)

    @property
    def stream_block(self):
        block = section_registry.stream_block_for(self.model._meta.label_lower)
        block.set_meta_options(self.block_opts)
        return block

    def deconstruct(self):
        name, _path, _args, kwargs = super(StreamField, self).deconstruct()
        return name, "cms.blocks.fields.SectionsField", [], kwargs
