import re

from cms.blocks import SymptomListBlock
from tests.factories import SymptomGroupBlockFactory, SymptomListBlockFactory


def test_factory_value_is_valid(clean_errors):
    assert clean_errors(SymptomListBlock(), SymptomListBlockFactory()) == {}


def test_region_other_needs_a_label(clean_errors):
    value = SymptomListBlockFactory(groups=[SymptomGroupBlockFactory(region="other")])
    errors = clean_errors(SymptomListBlock(), value)
    assert errors == {"groups.0.custom_label": ["Name the region for 'Other'."]}


def test_region_other_with_a_label_is_valid(clean_errors):
    group = SymptomGroupBlockFactory(region="other", custom_label="Hip")
    assert clean_errors(SymptomListBlock(), SymptomListBlockFactory(groups=[group])) == {}


def test_groups_and_items_have_minimums(clean_errors):
    empty = SymptomListBlock().normalize({"heading": "Symptoms", "groups": []})
    assert clean_errors(SymptomListBlock(), empty)["groups"] == ["The minimum number of items is 1"]
    value = SymptomListBlockFactory(groups=[SymptomGroupBlockFactory(items=[])])
    assert clean_errors(SymptomListBlock(), value) == {
        "groups.0.items": ["The minimum number of items is 1"]
    }


def test_renders_regions_as_headings_over_real_lists():
    value = SymptomListBlockFactory(
        heading="Symptoms",
        groups=[
            SymptomGroupBlockFactory(region="cervical", items=["Neck pain", "Arm tingling"]),
            SymptomGroupBlockFactory(region="other", custom_label="Hip", items=["Hip ache"]),
        ],
        warning="Foot drop needs prompt care.",
    )
    html = SymptomListBlock().render(value)
    assert "<h2>Symptoms</h2>" in html
    assert "<h3>Cervical spine (neck)</h3>" in html
    assert "<ul><li>Neck pain</li><li>Arm tingling</li></ul>" in html
    assert "<h3>Hip</h3>" in html
    assert re.search(r'<p class="warning" role="note">.*Foot drop needs prompt care.</p>', html)


def test_api_gives_region_labels():
    value = SymptomListBlockFactory(
        groups=[
            SymptomGroupBlockFactory(region="thoracic"),
            SymptomGroupBlockFactory(region="other", custom_label="Hip"),
        ]
    )
    groups = SymptomListBlock().get_api_representation(value)["groups"]
    assert [(g["region"], g["region_label"]) for g in groups] == [
        ("thoracic", "Thoracic spine (upper and mid back)"),
        ("other", "Hip"),
    ]
    assert groups[0]["items"] == ["Lower back pain", "Leg numbness"]


def test_contributes_every_item_as_a_sign_or_symptom():
    value = SymptomListBlockFactory(
        groups=[
            SymptomGroupBlockFactory(items=["Leg pain"]),
            SymptomGroupBlockFactory(region="cervical", items=["Neck pain"]),
        ]
    )
    assert SymptomListBlock().schema_org(value) == {
        "signOrSymptom": [
            {"@type": "MedicalSignOrSymptom", "name": "Leg pain"},
            {"@type": "MedicalSignOrSymptom", "name": "Neck pain"},
        ]
    }
