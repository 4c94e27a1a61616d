"""The example plugin, tested the way a third party would test theirs."""

import ast
import json
import re
from pathlib import Path

import factory
import pytest
from jsonschema import Draft202012Validator
from wagtail import blocks, hooks

from cms.blocks import section_registry
from cms.pages.models import ConditionPage, HomePage
from examples.testimonials import blocks as testimonial_blocks
from examples.testimonials.wagtail_hooks import register_testimonial_section
from tests.factories import (
    ConditionPageFactory,
    FigureBlockFactory,
    ImageFactory,
    SectionFactory,
    publish_approved,
)


class PatientTestimonialFactory(SectionFactory):
    quote = "I can walk my dog again."
    name = "Maria, 54"
    treatment = "Decompression"
    consent_on_file = True
    photo = factory.SubFactory(FigureBlockFactory)

    class Meta:
        model = testimonial_blocks.TestimonialBlock


def page_with_testimonial(parent, **testimonial):
    page = ConditionPageFactory(parent=parent, body__0="hero")
    page.body.append(("testimonial", PatientTestimonialFactory(**testimonial)))
    publish_approved(page)
    return page


def test_installed_app_registers_the_section_on_condition_pages_only():
    assert "testimonial" in section_registry
    assert "testimonial" in ConditionPage.body.field.stream_block.child_blocks
    assert "testimonial" not in HomePage.body.field.stream_block.child_blocks


@pytest.mark.django_db
def test_needs_no_migration_in_pages():
    from django.core.management import call_command

    # Exits with status 1 (SystemExit) when a migration would be created.
    call_command("makemigrations", "pages", "--check", "--dry-run", verbosity=0)


def test_consent_is_required():
    block = testimonial_blocks.TestimonialBlock()
    value = PatientTestimonialFactory(consent_on_file=False)
    with pytest.raises(blocks.StructBlockValidationError) as caught:
        block.clean(value)
    assert "written consent" in str(caught.value.block_errors["consent_on_file"])


@pytest.mark.django_db
def test_photo_needs_alt_text():
    value = PatientTestimonialFactory(photo__image=ImageFactory(), photo__alt_text="")
    with pytest.raises(blocks.StructBlockValidationError) as caught:
        testimonial_blocks.TestimonialBlock().clean(value)
    assert "alt text" in str(caught.value.block_errors["photo"].block_errors["alt_text"])


def test_renders_a_quote_with_attribution():
    html = testimonial_blocks.TestimonialBlock().render(
        PatientTestimonialFactory(heading="In their words")
    )
    assert "<h2>In their words</h2>" in html
    assert re.search(r"<blockquote>\s*<p>I can walk my dog again.</p>\s*</blockquote>", html)
    assert "<figcaption>Maria, 54, after decompression</figcaption>" in html


def test_api_representation_has_attribution_but_not_consent():
    data = testimonial_blocks.TestimonialBlock().get_api_representation(
        PatientTestimonialFactory(treatment="")
    )
    assert data["attribution"] == "Maria, 54"
    assert data["quote"] == "I can walk my dog again."
    assert data["photo"] is None
    assert "consent_on_file" not in data


def test_condition_page_renders_and_serves_the_section(client, condition_index):
    page = page_with_testimonial(condition_index, quote="Back at work within weeks.")

    response = client.get(page.url)
    assert response.status_code == 200
    assert "Back at work within weeks." in response.content.decode()

    api = client.get(f"/api/v2/pages/{page.pk}/")
    assert api.status_code == 200
    sections = {s["type"]: s for s in api.json()["body"]}
    assert sections["testimonial"]["value"]["attribution"] == "Maria, 54, after decompression"


def test_block_preview_in_admin(admin_client):
    block = section_registry.get("testimonial").block
    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    assert "After years of pain I can walk my dog again." in response.content.decode()


def test_stored_testimonials_survive_uninstalling(client, condition_index, caplog, monkeypatch):
    """What an operator sees after removing the app: the page works, the section is skipped."""
    page = page_with_testimonial(condition_index, quote="A quote that outlives its plugin.")
    assert "A quote that outlives its plugin." in json.dumps(list(page.body.raw_data))

    # Uninstalling the app means its hook function is gone; Wagtail keeps hook functions in
    # hooks._hooks, and the registry re-reads the hook whenever that list changes.
    registered = hooks._hooks[section_registry.hook_name]
    monkeypatch.setitem(
        hooks._hooks,
        section_registry.hook_name,
        [(fn, order) for fn, order in registered if fn is not register_testimonial_section],
    )
    assert "testimonial" not in section_registry

    response = client.get(page.url)
    assert response.status_code == 200
    assert "A quote that outlives its plugin." not in response.content.decode()
    assert "unknown type 'testimonial'" in caplog.text
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 200


@pytest.fixture
def openapi(client, db):
    return client.get("/api/v3/openapi.json").json()


def served_value_schema(openapi):
    value = openapi["components"]["schemas"]["TestimonialSection"]["properties"]["value"]
    return openapi["components"]["schemas"][value["$ref"].rsplit("/", 1)[-1]]


def test_openapi_types_the_section_as_served(openapi):
    schema = served_value_schema(openapi)

    assert schema["additionalProperties"] is False
    assert schema["properties"]["attribution"]["type"] == "string"
    assert "attribution" in schema["required"]
    assert "consent_on_file" not in schema["properties"]
    assert {"quote", "name", "treatment", "photo", "anchor"} <= set(schema["properties"])


def test_served_section_validates_against_the_document(client, condition_index, openapi):
    page = page_with_testimonial(condition_index, photo__image=ImageFactory())
    body = client.get(f"/api/v3/pages/{page.pk}/").json()["body"]
    section = next(s for s in body if s["type"] == "testimonial")

    validator = Draft202012Validator({**openapi, "$ref": "#/components/schemas/TestimonialSection"})
    validator.validate(section)
    assert section["value"]["photo"]["srcset"]


def test_plugin_needs_no_import_from_the_api_app():
    """``api_schema`` is handed the builder: the plugin stays free of ``cms.api`` imports, so it
    works in a project without the delivery API."""
    package = Path(testimonial_blocks.__file__).parent
    imported = set()
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert imported, "the plugin's imports were not read"
    assert not {name for name in imported if name == "cms.api" or name.startswith("cms.api.")}
