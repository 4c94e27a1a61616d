"""Typed API schemas for StreamField blocks, generated from the blocks themselves.

Wagtail types a StreamField in its API as ``list[Any]``. :class:`BlockSchemaBuilder` walks a
block tree (``StructBlock``, ``ListBlock``, ``StreamBlock``, ``ChoiceBlock``, ...) and returns a
pydantic annotation describing exactly what ``block.get_api_representation()`` returns, so the
OpenAPI document gives every section its full JSON shape and a section added by a plugin appears
in it without further work.

How a block's schema is found: walking up the block's class hierarchy, the first of

1. an ``api_schema(self, builder)`` method, which every block that shapes its own API
   representation declares beside that representation (core sections, plugins and the intake
   section alike)::

       class OpeningHoursBlock(SectionBlock):
           ...
           def extra_api_fields(self, value, context=None):
               return {"open_now": is_open(value)}

           def api_schema(self, builder):
               return builder.struct(self, extra={"open_now": bool})

2. a function registered for that class in :data:`block_schemas`, which is how Wagtail's own
   blocks (which cannot be given methods) are described, at the bottom of this module;
3. a class that changes the representation (overrides ``get_api_representation`` or
   ``extra_api_fields``) without declaring ``api_schema``: then the inherited schema would be
   wrong, so the block is served untyped: an open object (``dict[str, Any]``) for a struct,
   ``Any`` otherwise. The API keeps working; the section is just untyped until it declares its
   schema.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal, Union

from django.core.exceptions import ImproperlyConfigured
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializeAsAny,
    ValidationError,
    create_model,
    model_validator,
)
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

logger = logging.getLogger("cms.api")

BlockSchemaFunc = Callable[["BlockSchemaBuilder", blocks.Block], Any]
REPRESENTATION_HOOKS = {"get_api_representation", "extra_api_fields"}


class DuplicateBlockSchemaError(ImproperlyConfigured):
    """A block class was given two API schemas."""


class BlockSchemaRegistry:
    """Maps block classes that cannot declare ``api_schema`` themselves (Wagtail's) to functions
    returning their API schema. Like the section registry, it refuses a second registration."""

    def __init__(self):
        self._funcs: dict[type[blocks.Block], BlockSchemaFunc] = {}

    def register(self, block_class: type[blocks.Block], func: BlockSchemaFunc) -> None:
        if block_class in self._funcs:
            raise DuplicateBlockSchemaError(
                f"{block_class.__module__}.{block_class.__qualname__} already has an API schema "
                f"({self._funcs[block_class]!r}). Declare a block's schema once: its own "
                f"api_schema() method, or one registration for a class you cannot change."
            )
        self._funcs[block_class] = func

    def lookup(self, block: blocks.Block) -> BlockSchemaFunc | None:
        """The schema function of ``block``: its nearest class's ``api_schema`` method or
        registered function, or ``None`` when a class below those changes the API
        representation without declaring ``api_schema`` (the inherited schema would be wrong)."""
        for cls in type(block).__mro__:
            own = cls.__dict__.get("api_schema")
            if own is not None:
                return lambda builder, block, own=own: own(block, builder)
            if cls in self._funcs:
                return self._funcs[cls]
            if REPRESENTATION_HOOKS & cls.__dict__.keys():
                return None
        return None


#: The block -> schema mapping every builder consults.
block_schemas = BlockSchemaRegistry()


def _model_name(text: str) -> str:
    words = re.split(r"[^0-9A-Za-z]+", text)
    return "".join(w[:1].upper() + w[1:] for w in words if w)


class StrictModel(BaseModel):
    """Every generated model: unknown keys are an error, so schema drift fails tests loudly."""

    model_config = ConfigDict(extra="forbid")


class SectionItem(StrictModel):
    """One ``{"type", "value", "id"}`` item of a body.

    A section whose stored value does not match its schema (content saved before a plugin added
    a required field, say) is served as it is, instead of failing the whole page: the schema stays
    strict for the document and for tests, the site stays up. Production serves bodies without
    validating them (``cms.api.serialise``); where responses are checked, the mismatch is logged.
    """

    @model_validator(mode="wrap")
    @classmethod
    def _serve_mismatches_as_they_are(cls, data, handler):
        try:
            return handler(data)
        except ValidationError as exc:
            if not isinstance(data, dict):
                raise
            logger.warning(
                "Section %s (id %s) does not match its API schema: %s",
                data.get("type"),
                data.get("id"),
                exc,
            )
            return cls.model_construct(**data)


class BlockSchemaBuilder:
    """Turns blocks into pydantic annotations, naming and reusing the models it creates.

    One builder produces one set of uniquely named models; reuse it for every field of an API
    so a block shared by several sections becomes one OpenAPI component.
    """

    def __init__(self, registry: BlockSchemaRegistry = block_schemas):
        self.registry = registry
        self._models: dict[tuple, type[BaseModel]] = {}
        self._names: set[str] = set()

    # -- entry points ----------------------------------------------------------------------

    def annotation(self, block: blocks.Block) -> Any:
        """The annotation for the API representation of ``block``."""
        func = self.registry.lookup(block)
        if func is not None:
            return func(self, block)
        return dict[str, Any] if isinstance(block, blocks.StructBlock) else Any

    def stream(self, block: blocks.StreamBlock, *, name: str = "") -> Any:
        """``list`` of ``{"type", "value", "id"}`` items, discriminated on ``type``."""
        members = []
        for child_name, child in block.child_blocks.items():
            key = ("stream-item", id(child), child_name)
            if key not in self._models:
                item_name = self.unique_name(_model_name(child_name) + "Section")
                self._models[key] = create_model(
                    item_name,
                    __base__=SectionItem,
                    __doc__=self._description(child) or f"A {child_name} section.",
                    type=(Literal[child_name], ...),  # ty: ignore[invalid-type-form]
                    # As is, even when validation let a mismatching value through.
                    value=(SerializeAsAny[self.annotation(child)], ...),
                    id=(str | None, None),
                )
            members.append(self._models[key])
        if not members:
            return list[Any]
        if len(members) == 1:
            return list[members[0]]
        union = Annotated[Union[tuple(members)], Field(discriminator="type")]  # noqa: UP007
        return list[union]  # ty: ignore[invalid-type-form]

    def struct(
        self,
        block: blocks.StructBlock,
        *,
        extra: dict[str, Any] | None = None,
        exclude: tuple[str, ...] = (),
    ) -> Any:
        """A model with one field per child block, plus ``extra`` computed keys.

        ``extra`` maps key names to annotations (``{"region_label": str | None}``) for blocks
        whose ``get_api_representation`` adds keys to the children's values; ``exclude`` names
        children it leaves out.
        """
        extra = extra or {}
        # Editorial settings a section never serves (see SectionBlock.api_private_children).
        exclude = (*exclude, *getattr(block, "api_private_children", ()))
        key = ("struct", type(block), tuple(block.child_blocks), tuple(extra), exclude)
        if key not in self._models:
            fields: dict[str, Any] = {}
            for child_name, child in block.child_blocks.items():
                if child_name in exclude:
                    continue
                description = self._description(child)
                info = Field(..., description=description) if description else ...
                fields[child_name] = (self.annotation(child), info)
            for extra_name, annotation in extra.items():
                fields[extra_name] = (annotation, ...)
            self._models[key] = create_model(
                self.unique_name(type(block).__name__),
                __base__=StrictModel,
                __doc__=self._description(block),
                **fields,
            )
        model = self._models[key]
        return model if getattr(block.meta, "required", True) else model | None

    def model(self, name: str, **fields: Any) -> type[BaseModel]:
        """A named model (reused when asked again), for hand-written block schemas."""
        key = ("model", name)
        if key not in self._models:
            self._models[key] = create_model(self.unique_name(name), __base__=StrictModel, **fields)
        return self._models[key]

    def unique_name(self, name: str) -> str:
        candidate, n = name, 2
        while candidate in self._names:
            candidate, n = f"{name}{n}", n + 1
        self._names.add(candidate)
        return candidate

    @staticmethod
    def _description(block: blocks.Block) -> str | None:
        text = getattr(block.meta, "help_text", None) or getattr(block.meta, "description", None)
        return str(text) if text else None


def optional(block: blocks.Block, annotation: Any) -> Any:
    """``annotation`` made nullable unless ``block`` is required."""
    return annotation if block.required else annotation | None


def choice_values(block: blocks.ChoiceBlock) -> list[str]:
    """The stored values of a ChoiceBlock, flattening option groups."""
    values = []
    for value, label in block.field.choices:
        if isinstance(label, (list, tuple)):
            values.extend(str(v) for v, _label in label)
        elif value != "":
            values.append(str(value))
    return values


# -- Wagtail's own blocks, which cannot be given an api_schema method -------------------------


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
    (blocks.DateBlock, datetime.date),
    (blocks.TimeBlock, datetime.time),
    (blocks.DateTimeBlock, datetime.datetime),
]:
    block_schemas.register(_cls, _scalar(_annotation))

block_schemas.register(blocks.BooleanBlock, lambda builder, block: bool | None)
block_schemas.register(blocks.ChoiceBlock, _choice)
block_schemas.register(blocks.MultipleChoiceBlock, _multiple_choice)
block_schemas.register(blocks.StaticBlock, lambda builder, block: None)
for _cls in (
    blocks.PageChooserBlock,
    ImageChooserBlock,
    DocumentChooserBlock,
    SnippetChooserBlock,
    blocks.ChooserBlock,
):
    block_schemas.register(_cls, _chooser)
block_schemas.register(
    blocks.ListBlock, lambda builder, block: list[builder.annotation(block.child_block)]
)
block_schemas.register(blocks.StructBlock, lambda builder, block: builder.struct(block))
block_schemas.register(blocks.StreamBlock, lambda builder, block: builder.stream(block))
