"""OpenAPI assembly: teaches Wagtail's API v3 schema generator the shape of a
:class:`~cms.blocks.fields.SectionsField`, section by section, from the section registry.

Each section declares its own shape beside its block (``api_schema``, see
:mod:`cms.blocks.schema`); this module only hands the registry's stream block to the builder.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from modelcluster.fields import ParentalManyToManyField
from wagtail.api.v3.schemas.generators.read import read_generator
from wagtail.api.v3.schemas.generators.write import create_generator, patch_generator

from cms.blocks.fields import SectionsField
from cms.blocks.prefetch import prefetch_references
from cms.blocks.registry import section_registry
from cms.blocks.schema import BlockSchemaBuilder

#: One builder for the whole API, so shared blocks become shared OpenAPI components.
builder = BlockSchemaBuilder()


def sections_body_annotation(page_label: str) -> Any:
    """The typed body of the page model ``page_label``: a union of its allowed sections."""
    return builder.stream(section_registry.stream_block_for(page_label))


def sections_field_schema(generator, field):
    field_name = field.name

    def resolve(obj, context: dict) -> Any:
        value = getattr(obj, field_name)
        prefetch_references(value)
        return value.stream_block.get_api_representation(value, context)

    annotation = sections_body_annotation(field.model._meta.label_lower)
    return annotation, [], staticmethod(resolve)


if "wagtail.api.v3.registry" in sys.modules:  # pragma: no cover - a start-up ordering bug
    raise ImproperlyConfigured(
        "wagtail.api.v3.registry was imported before cms.api was ready; page bodies would be "
        "typed as list[Any]. Do not import Wagtail's API v3 from models or apps.py."
    )
read_generator.register_field_schema(SectionsField, sections_field_schema)


def page_ids_field_schema(generator, field):
    """A writable many-to-many (``related_conditions``) is a list of page ids; leaving it out
    leaves it as it is (Wagtail would otherwise require it on create)."""
    return list[int] | None, None


for write_generator in (create_generator, patch_generator):
    write_generator.register_field_schema(ParentalManyToManyField, page_ids_field_schema)
