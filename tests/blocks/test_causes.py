from cms.blocks import CauseListBlock
from tests.factories import CauseBlockFactory, CauseListBlockFactory


def test_factory_value_is_valid(clean_errors):
    assert clean_errors(CauseListBlock(), CauseListBlockFactory()) == {}


def test_needs_at_least_one_cause_with_title_and_description(clean_errors):
    empty = CauseListBlock().normalize({"heading": "Causes", "causes": []})
    assert clean_errors(CauseListBlock(), empty)["causes"] == ["The minimum number of items is 1"]
    value = CauseListBlockFactory(causes=[CauseBlockFactory(title="", description="")])
    assert clean_errors(CauseListBlock(), value) == {
        "causes.0.title": ["This field is required."],
        "causes.0.description": ["This field is required."],
    }


def test_renders_causes_as_a_list_and_less_common_ones_after():
    value = CauseListBlockFactory(
        heading="Causes",
        causes=[CauseBlockFactory(title="Scar tissue", description="It presses on nerves.")],
        less_common_causes="Nerve damage during surgery.",
    )
    html = CauseListBlock().render(value)
    assert "<h2>Causes</h2>" in html
    assert "<li><h3>Scar tissue</h3><p>It presses on nerves.</p></li>" in html
    assert html.index("<h3>Less common causes</h3>") > html.index("Scar tissue")
    assert "<p>Nerve damage during surgery.</p>" in html


def test_renders_no_less_common_heading_when_empty():
    assert "Less common causes" not in CauseListBlock().render(CauseListBlockFactory())


def test_api_representation():
    value = CauseListBlockFactory(
        causes=[CauseBlockFactory(title="Misdiagnosis", description="The wrong source.")]
    )
    data = CauseListBlock().get_api_representation(value)
    assert data["causes"] == [{"title": "Misdiagnosis", "description": "The wrong source."}]
    assert not data["less_common_causes"]


def test_contributes_causes_to_schema_org():
    value = CauseListBlockFactory(causes=[CauseBlockFactory(title="Injury", description="A fall.")])
    assert CauseListBlock().schema_org(value) == {
        "cause": [{"@type": "MedicalCause", "name": "Injury", "description": "A fall."}]
    }
