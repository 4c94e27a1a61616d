"""API schemas of Wagtail's blocks and of the core section building blocks.

Each function receives the :class:`~cms.api.schema.BlockSchemaBuilder` and the block, and
returns the pydantic annotation of ``block.get_api_representation()``.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import (
    FigureBlock,
    LinkBlock,
    OptionalLinkBlock,
    RecoveryOutlookBlock,
    SectionBlock,
    SymptomGroupBlock,
)
from cms.blocks.treatments import TreatmentTierBlock

from .schema import BlockSchemaBuilder, block_schemas, choice_values, optional
from .schemas import SectionImage, SectionLink


def _scalar(annotation):
    def schema(builder: BlockSchemaBuilder, block: blocks.Block):
        return optional(block, annotation)

    return schema


def _choice(builder: BlockSchemaBuilder, block: blocks.ChoiceBlock):
    values = tuple(choice_values(block))
    if not values:
        return optional(block, str)
    literal = Literal[values]  # ty: ignore[invalid-type-form]
    # An optional choice left empty is stored (and served) as "".
    return literal if block.required else literal | Literal[""] | None


def _multiple_choice(builder: BlockSchemaBuilder, block: blocks.MultipleChoiceBlock):
    values = tuple(choice_values(block))
    return list[Literal[values]] if values else list[str]  # ty: ignore[invalid-type-form]


def _chooser(builder: BlockSchemaBuilder, block: blocks.Block):
    # Wagtail serves a chosen object as its primary key.
    return int | None


for _cls, _annotation in [
    (blocks.CharBlock, str),
    (blocks.TextBlock, str),
    (blocks.EmailBlock, str),
    (blocks.URLBlock, str),
    (blocks.RegexBlock, str),
    (blocks.RawHTMLBlock, str),
    (blocks.BlockQuoteBlock, str),
    (blocks.RichTextBlock, str),
    (blocks.IntegerBlock, int),
    (blocks.FloatBlock, float),
    (blocks.DecimalBlock, float),
    (blocks.BooleanBlock, bool),
    (blocks.DateBlock, datetime.date),
    (blocks.TimeBlock, datetime.time),
    (blocks.DateTimeBlock, datetime.datetime),
]:
    block_schemas.register(_cls, _scalar(_annotation))

block_schemas.register(blocks.BooleanBlock, lambda builder, block: bool | None)
block_schemas.register(blocks.ChoiceBlock, _choice)
block_schemas.register(blocks.MultipleChoiceBlock, _multiple_choice)
block_schemas.register(blocks.StaticBlock, lambda builder, block: None)
block_schemas.register(blocks.PageChooserBlock, _chooser)
block_schemas.register(ImageChooserBlock, _chooser)
block_schemas.register(DocumentChooserBlock, _chooser)
block_schemas.register(SnippetChooserBlock, _chooser)
block_schemas.register(blocks.ChooserBlock, _chooser)
block_schemas.register(
    blocks.ListBlock, lambda builder, block: list[builder.annotation(block.child_block)]
)
block_schemas.register(blocks.StructBlock, lambda builder, block: builder.struct(block))
block_schemas.register(blocks.StreamBlock, lambda builder, block: builder.stream(block))

# -- the core section building blocks, whose API representation adds computed keys --------


def _link(builder: BlockSchemaBuilder, block: LinkBlock) -> Any:
    return SectionLink if getattr(block.meta, "required", True) else SectionLink | None


block_schemas.register(SectionBlock, lambda builder, block: builder.struct(block))
block_schemas.register(LinkBlock, _link)
block_schemas.register(OptionalLinkBlock, _link)
block_schemas.register(FigureBlock, lambda builder, block: SectionImage | None)
block_schemas.register(
    SymptomGroupBlock,
    lambda builder, block: builder.struct(block, extra={"region_label": str | None}),
)
block_schemas.register(
    TreatmentTierBlock,
    lambda builder, block: builder.struct(block, extra={"intensity_label": str | None}),
)
block_schemas.register(
    RecoveryOutlookBlock,
    lambda builder, block: builder.struct(block, extra={"level_label": str | None}),
)
