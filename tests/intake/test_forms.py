"""The form builder: every field type, its validation, conditional rules and the schema."""

import pytest

from cms.intake.forms import answers_to_form_data

from .factories import build_form


def validate(intake_form, answers):
    form_class = intake_form.get_form_class()
    data, type_errors = answers_to_form_data(form_class, answers)
    form = form_class(data=data)
    form.is_valid()
    return form, type_errors


def test_valid_answers_clean_to_json_values(spine_form, answers):
    answers["sleep_hours"] = 6.5
    form, type_errors = validate(spine_form, answers)
    assert type_errors == {}
    assert form.errors == {}
    assert form.answers() == {**answers, "sleep_hours": 6.5}


@pytest.mark.parametrize(
    ("field_type", "options", "good", "bad"),
    [
        ("singleline", {"max_length": 5}, "abc", ["abcdef", 3]),
        ("multiline", {}, "line\nline", ["x" * 5001, ["x"]]),
        ("email", {}, "a@example.com", ["not-an-email", 1]),
        ("phone", {}, "+1 (555) 010-2030", ["call me", "12", 5550102030]),
        ("date", {}, "2024-02-29", ["2024-02-30", "29/02/2024", 20240229]),
        ("number", {"min_value": 1, "max_value": 10}, 2.5, [0, 11, "3", True]),
        ("radio", {"choices": "A\nB"}, "A", ["C", ["A"]]),
        ("dropdown", {"choices": "A, B"}, "B", ["a", 1]),
        ("checkboxes", {"choices": "A\nB"}, ["A", "B"], [["C"], "A", [1]]),
        ("yesno", {}, False, ["yes", 0, None]),
        ("painscale", {}, 10, [11, -1, 3.5, "5", True, 5.0]),
        ("bodyregion", {}, ["lumbar", "cervical"], [["knee"], "lumbar"]),
    ],
)
def test_field_type_validation(db, field_type, options, good, bad):
    intake_form = build_form([("Answer", field_type, options)])
    form, type_errors = validate(intake_form, {"answer": good, "consent": True})
    assert (form.errors, type_errors) == ({}, {})
    for value in bad:
        form, type_errors = validate(intake_form, {"answer": value, "consent": True})
        assert "answer" in form.errors or "answer" in type_errors, value


def test_required_and_optional(db):
    intake_form = build_form(
        [("Needed", "singleline", {}), ("Optional", "singleline", {"required": False})]
    )
    form, _ = validate(intake_form, {"consent": True})
    assert set(form.errors) == {"needed"}


def test_consent_is_always_required(db):
    intake_form = build_form([("Consent", "consent", {"required": False})])
    form, _ = validate(intake_form, {"consent": False})
    assert "consent" in form.errors


def test_unknown_fields_are_reported(spine_form, answers):
    _, type_errors = validate(spine_form, {**answers, "diagnosis": "x"})
    assert type_errors == {"diagnosis": "Unknown field."}


def test_hidden_step_is_not_required_and_its_answers_are_discarded(spine_form, answers):
    form, _ = validate(spine_form, {**answers, "surgery_type": "Fusion"})
    assert form.errors == {}
    assert "surgery_type" not in form.answers()
    assert {"surgery_date", "surgery_type"} <= form.hidden_names


def test_shown_step_becomes_required(spine_form, answers):
    form, _ = validate(spine_form, {**answers, "prior_back_surgery": True})
    assert set(form.errors) == {"surgery_date"}
    form, _ = validate(
        spine_form, {**answers, "prior_back_surgery": True, "surgery_date": "2020-05-01"}
    )
    assert form.errors == {}
    assert form.answers()["surgery_date"] == "2020-05-01"


def test_contains_rule(spine_form, answers):
    answers["symptom_list"] = ["Numbness", "Weakness"]
    form, _ = validate(spine_form, answers)
    assert set(form.errors) == {"numbness_where"}
    form, _ = validate(spine_form, {**answers, "numbness_where": "Left foot"})
    assert form.errors == {}


@pytest.mark.parametrize(("score", "shown"), [(7, False), (8, True), (10, True)])
def test_at_least_rule(spine_form, answers, score, shown):
    form, _ = validate(spine_form, {**answers, "pain_score": score})
    assert ("worst_pain_detail" in form.errors) is shown


def test_schema(spine_form):
    schema = spine_form.schema()
    assert [step["title"] for step in schema["steps"]] == [
        "Spine intake",
        "Your surgery",
        "Symptoms",
        "Contact",
    ]
    assert schema["steps"][1]["visible_if"] == {
        "field": "prior_back_surgery",
        "operator": "equals",
        "value": "yes",
    }
    fields = {f["name"]: f for step in schema["steps"] for f in step["fields"]}
    assert fields["pain_score"] == {
        "name": "pain_score",
        "label": "Pain score",
        "type": "painscale",
        "json_type": "integer",
        "required": True,
        "help_text": "",
        "placeholder": "",
        "visible_if": None,
        "choices": None,
        "multiple": False,
        "min": 0,
        "max": 10,
        "max_length": None,
        "default": None,
        "date_limit": None,
    }
    assert fields["where_is_the_pain"]["choices"][0] == {
        "value": "lumbar",
        "label": "Lumbar spine (lower back)",
    }
    assert fields["where_is_the_pain"]["multiple"] is True
    assert fields["how_long"]["multiple"] is False
    assert fields["surgery_type"]["max_length"] == 40
    assert fields["sleep_hours"]["min"] == 0 and fields["sleep_hours"]["max"] == 24
    assert fields["i_agree"]["required"] is True
    assert schema["consent"] == {
        "text": "I agree that the clinic stores my answers to contact me.",
        "version": "2025-01",
    }


def test_every_save_is_a_new_version(spine_form):
    version = spine_form.version
    spine_form.title = "Renamed"
    spine_form.save()
    spine_form.refresh_from_db()
    assert spine_form.version == version + 1
