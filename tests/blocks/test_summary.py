import re

from cms.blocks import ConditionBasicsBlock
from tests.factories import ConditionBasicsBlockFactory


def test_factory_value_is_valid(clean_errors):
    assert clean_errors(ConditionBasicsBlock(), ConditionBasicsBlockFactory()) == {}


def test_each_list_needs_at_least_one_item(clean_errors):
    value = ConditionBasicsBlockFactory(symptoms=[], causes=[], treatments=[])
    errors = clean_errors(ConditionBasicsBlock(), value)
    for name in ("symptoms", "causes", "treatments"):
        assert errors[name] == ["The minimum number of items is 1"]


def test_recovery_level_must_be_a_known_choice(clean_errors):
    value = ConditionBasicsBlockFactory(recovery_outlook__level="excellent")
    errors = clean_errors(ConditionBasicsBlock(), value)
    assert errors["recovery_outlook.level"] == [
        "Select a valid choice. excellent is not one of the available choices."
    ]


def test_renders_a_description_list_of_real_lists():
    value = ConditionBasicsBlockFactory(
        heading="At a glance", symptoms=["Pain", "Numbness"], recovery_outlook__level="moderate"
    )
    html = ConditionBasicsBlock().render(value)
    assert "<h2>At a glance</h2>" in html
    assert "<dt>Symptoms</dt>" in html
    assert re.search(r"<ul><li>Pain</li><li>Numbness</li></ul>", html)
    assert "Moderate</strong>" in html


def test_api_gives_the_recovery_level_label():
    value = ConditionBasicsBlockFactory(
        recovery_outlook__level="variable", recovery_outlook__text="Depends."
    )
    data = ConditionBasicsBlock().get_api_representation(value)
    assert data["recovery_outlook"] == {
        "level": "variable",
        "level_label": "Varies from person to person",
        "text": "Depends.",
    }
    assert data["symptoms"] == ["Pain", "Numbness"]
