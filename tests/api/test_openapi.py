"""The OpenAPI document: pinned by a snapshot, typed section by section, and true to the data.

Regenerate the snapshot after an intended API change with::

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/api/test_openapi.py
"""

import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cms.blocks.registry import section_registry
from cms.blocks.symptoms import BODY_REGIONS
from cms.blocks.treatments import INTENSITIES

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


@pytest.fixture
def openapi(client, db):
    return client.get("/api/v3/openapi.json").json()


def validator_for(openapi, schema):
    """A validator for ``schema`` whose ``#/components/...`` references resolve in ``openapi``."""
    return Draft202012Validator({**openapi, **schema})


def response_schema(openapi, path):
    return openapi["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]


def test_openapi_matches_the_snapshot(openapi):
    rendered = json.dumps(openapi, indent=2, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(rendered)
    assert SNAPSHOT.exists(), "No snapshot yet: run with UPDATE_SNAPSHOTS=1."
    assert rendered == SNAPSHOT.read_text(), (
        "The public API changed. If intended, regenerate with UPDATE_SNAPSHOTS=1 and review the "
        "diff of tests/api/snapshots/openapi.json."
    )


def test_condition_body_is_a_union_of_every_registered_section(openapi):
    items = openapi["components"]["schemas"]["ConditionPageSchema"]["properties"]["body"]["items"]
    names = [s.name for s in section_registry.sections_for("pages.conditionpage")]

    assert items["discriminator"]["propertyName"] == "type"
    assert sorted(items["discriminator"]["mapping"]) == sorted(names)
    assert "testimonial" in names  # the example plugin, installed in the test settings
    for name in names:
        ref = items["discriminator"]["mapping"][name]
        section = openapi["components"]["schemas"][ref.rsplit("/", 1)[-1]]
        assert section["properties"]["type"]["const"] == name
        value = section["properties"]["value"]
        # Typed, or (a plugin that reshapes its value without declaring a schema) an open object.
        assert "$ref" in value or value["type"] == "object", name
    for core in ("hero", "symptom_list", "treatment_tiers", "faq", "call_to_action"):
        section = openapi["components"]["schemas"][items["discriminator"]["mapping"][core][21:]]
        assert "$ref" in section["properties"]["value"], core


def test_home_body_offers_only_the_sections_allowed_there(openapi):
    items = openapi["components"]["schemas"]["HomePageSchema"]["properties"]["body"]["items"]
    assert sorted(items["discriminator"]["mapping"]) == sorted(
        s.name for s in section_registry.sections_for("pages.homepage")
    )
    assert "symptom_list" not in items["discriminator"]["mapping"]


def test_sections_have_their_full_shape(openapi):
    schemas = openapi["components"]["schemas"]
    group = schemas["SymptomGroupBlock"]
    assert group["properties"]["region"]["enum"] == [value for value, _ in BODY_REGIONS]
    assert group["properties"]["items"] == {
        "items": {"type": "string"},
        "title": "Items",
        "type": "array",
    }
    assert "region_label" in group["required"]
    assert schemas["TreatmentTierBlock"]["properties"]["intensity"]["enum"] == [
        v for v, _ in INTENSITIES
    ]
    hero = schemas["HeroBlock"]["properties"]
    assert hero["image"]["anyOf"][0] == {"$ref": "#/components/schemas/SectionImage"}
    assert hero["call_to_action"] == {"$ref": "#/components/schemas/SectionLink"}
    assert schemas["SectionLink"]["properties"]["kind"]["anyOf"][0]["enum"] == [
        "page",
        "anchor",
        "url",
    ]
    assert schemas["SectionImage"]["additionalProperties"] is False
    page = schemas["ConditionPageSchema"]["properties"]
    assert page["related_conditions"]["anyOf"][0]["items"] == {
        "$ref": "#/components/schemas/RelatedCondition"
    }
    assert page["breadcrumbs"]["anyOf"][0]["items"] == {"$ref": "#/components/schemas/Breadcrumb"}


def test_a_wrong_shape_is_rejected(openapi):
    """The validation above can fail: a section with an unknown key or a bad choice does."""
    schema = {"$ref": "#/components/schemas/SymptomGroupBlock"}
    validator = validator_for(openapi, schema)
    good = {
        "region": "lumbar",
        "custom_label": None,
        "description": None,
        "items": ["Pain"],
        "region_label": "Lumbar spine (lower back)",
    }
    validator.validate(good)
    assert not validator.is_valid({**good, "region": "elbow"})
    assert not validator.is_valid({**good, "surprise": 1})
