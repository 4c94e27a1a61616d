"""The API schema registry for blocks that cannot declare ``api_schema`` themselves."""

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail import blocks

from cms.blocks import LinkBlock, OptionalLinkBlock, SectionBlock
from cms.blocks.api_types import SectionLink
from cms.blocks.schema import BlockSchemaBuilder, BlockSchemaRegistry, block_schemas


class ThirdPartyBlock(blocks.CharBlock):
    pass


def test_a_second_registration_for_a_block_class_is_refused():
    registry = BlockSchemaRegistry()
    registry.register(ThirdPartyBlock, lambda builder, block: str)
    with pytest.raises(ImproperlyConfigured, match="ThirdPartyBlock already has an API schema"):
        registry.register(ThirdPartyBlock, lambda builder, block: int)


def test_wagtails_own_blocks_are_registered_once():
    with pytest.raises(ImproperlyConfigured):
        block_schemas.register(blocks.CharBlock, lambda builder, block: str)


def test_a_block_declares_its_shape_beside_its_representation():
    builder = BlockSchemaBuilder()
    assert builder.annotation(LinkBlock()) is SectionLink
    assert builder.annotation(OptionalLinkBlock()) == SectionLink | None


def test_a_subclass_changing_the_representation_without_a_schema_is_untyped():
    class Counted(SectionBlock):
        heading = blocks.CharBlock()

        def extra_api_fields(self, value, context=None):
            return {"count": 1}

    class Declared(Counted):
        def api_schema(self, builder):
            return builder.struct(self, extra={"count": int})

    builder = BlockSchemaBuilder()
    assert builder.annotation(Counted()) == dict[str, Any]
    assert set(builder.annotation(Declared()).model_fields) == {"heading", "anchor", "count"}
