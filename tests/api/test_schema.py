"""The block -> schema builder, on throw-away blocks as a plugin would write them."""

import pytest
from pydantic import TypeAdapter, ValidationError
from wagtail import blocks, hooks
from wagtail.images.blocks import ImageChooserBlock

from cms.api.openapi import sections_body_annotation
from cms.blocks import SectionBlock
from cms.blocks.registry import section_registry
from cms.blocks.schema import BlockSchemaBuilder


class StopBlock(blocks.StructBlock):
    name = blocks.CharBlock()
    day = blocks.ChoiceBlock(choices=[("mon", "Monday"), ("tue", "Tuesday")], required=False)


class RouteBlock(SectionBlock):
    heading = blocks.CharBlock()
    stops = blocks.ListBlock(StopBlock())
    photo = ImageChooserBlock(required=False)
    count = blocks.IntegerBlock(required=False)
    details = blocks.StreamBlock([("note", blocks.TextBlock()), ("flag", blocks.BooleanBlock())])

    class Meta:
        template = "blocks/rich_text.html"

    def extra_api_fields(self, value, context=None):
        return {"stop_count": len(value["stops"])}

    def api_schema(self, builder):
        return builder.struct(self, extra={"stop_count": int})


def json_schema(annotation):
    return TypeAdapter(annotation).json_schema()


def test_struct_list_choice_and_chooser_blocks():
    schema = json_schema(BlockSchemaBuilder().annotation(RouteBlock()))
    route = schema
    stop = schema["$defs"]["StopBlock"]

    assert route["required"] == [
        *("heading", "stops", "photo", "count", "details", "anchor", "stop_count")
    ]
    assert route["properties"]["stops"]["items"] == {"$ref": "#/$defs/StopBlock"}
    assert route["properties"]["photo"]["anyOf"] == [{"type": "integer"}, {"type": "null"}]
    assert route["properties"]["stop_count"]["type"] == "integer"
    assert stop["properties"]["day"]["anyOf"][0]["enum"] == ["mon", "tue"]
    assert stop["additionalProperties"] is False


def test_a_nested_stream_is_a_discriminated_union():
    schema = json_schema(BlockSchemaBuilder().annotation(RouteBlock()))
    details = schema["properties"]["details"]
    assert details["items"]["discriminator"]["propertyName"] == "type"
    assert sorted(details["items"]["discriminator"]["mapping"]) == ["flag", "note"]


def test_a_blocks_own_api_schema_validates_its_representation():
    block = RouteBlock()
    value = block.to_python(
        {"heading": "Loop", "stops": [{"name": "A", "day": "mon"}], "details": []}
    )
    adapter = TypeAdapter(BlockSchemaBuilder().annotation(block))
    adapter.validate_python(block.get_api_representation(value))
    with pytest.raises(ValidationError):
        adapter.validate_python({**block.get_api_representation(value), "stop_count": "many"})


def test_a_plugin_section_joins_the_page_body_union():
    def register_route(registry):
        registry.register("bus_route", RouteBlock())

    with hooks.register_temporarily("register_page_sections", register_route):
        union = json_schema(sections_body_annotation("pages.conditionpage"))
    assert "bus_route" in union["items"]["discriminator"]["mapping"]
    assert "BusRouteSection" in union["$defs"]


@pytest.mark.parametrize("section", list(section_registry), ids=lambda s: s.name)
def test_each_registered_sections_preview_matches_its_schema(db, section):
    """Catches drift between a section's get_api_representation and its declared schema."""
    block = section.block
    preview = getattr(block.meta, "preview_value", None)
    if preview is None:
        pytest.skip(f"{section.name} has no preview_value")
    # As stored and read back: every child present, defaults filled in.
    value = block.to_python(block.get_prep_value(block.normalize(preview)))
    adapter = TypeAdapter(BlockSchemaBuilder().annotation(block))
    adapter.validate_python(block.get_api_representation(value))


class UndeclaredBlock(SectionBlock):
    heading = blocks.CharBlock()
    secret = blocks.CharBlock()

    class Meta:
        template = "blocks/rich_text.html"

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data.pop("secret")
        return data


class DeclaredBlock(UndeclaredBlock):
    def api_schema(self, builder):
        return builder.struct(self, exclude=("secret",))


def test_a_changed_representation_without_a_declared_schema_stays_open():
    """Better untyped than wrong: the inherited schema would require ``secret``."""
    block = UndeclaredBlock()
    annotation = BlockSchemaBuilder().annotation(block)
    assert json_schema(annotation) == {"additionalProperties": True, "type": "object"}
    value = block.to_python({"heading": "Hi", "secret": "x"})
    TypeAdapter(annotation).validate_python(block.get_api_representation(value))


def test_a_declared_schema_can_leave_children_out():
    block = DeclaredBlock()
    schema = json_schema(BlockSchemaBuilder().annotation(block))
    assert "secret" not in schema["properties"]
    value = block.to_python({"heading": "Hi", "secret": "x"})
    TypeAdapter(BlockSchemaBuilder().annotation(block)).validate_python(
        block.get_api_representation(value)
    )
