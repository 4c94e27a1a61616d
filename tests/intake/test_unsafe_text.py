"""Answers keep tab, newline and carriage return; other control characters and lone surrogates
are a 422 naming the field, in the API and the HTML form, and nothing is stored."""

import json

import pytest

from cms.intake.models import IntakeSubmission
from cms.intake.protection import issue_form_token

URL = "/api/v3/intake/forms/spine/submissions/"


def post_raw(client, text):
    return client.post(URL, text.encode(), content_type="application/json")


@pytest.mark.parametrize(
    "name",
    ["\ud800Jane", "Jane\udfff", "Ja\x00ne", "Ja\x01ne", "Ja\x0bne", "Ja\x0cne", "\x7f", "\x85"],
)
def test_unsafe_answer_is_a_422_naming_the_field(client, spine_form, answers, name):
    body = {"answers": {**answers, "name": name}, "form_token": issue_form_token("spine")}
    response = post_raw(client, json.dumps(body))  # ensure_ascii: "\ud800" as JSON escapes
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert list(problem["field_errors"]) == ["name"]
    assert problem["errors"][0]["loc"] == ["answers", "name"]
    assert IntakeSubmission.objects.count() == 0


def test_lone_surrogate_in_a_list_answer_names_the_field(client, spine_form, answers):
    body = {"answers": {**answers, "symptom_list": ["\ud800"]}, "form_token": "x"}
    response = post_raw(client, json.dumps(body))
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["answers", "symptom_list", 0]


def test_unsafe_form_token_or_key_is_a_422(client, spine_form, answers):
    response = post_raw(client, json.dumps({"answers": answers, "form_token": "\ud800"}))
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["form_token"]
    response = post_raw(client, json.dumps({"answers": {"\x00": 1}, "form_token": "t"}))
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["answers", "\x00"]


def test_tab_newline_and_carriage_return_are_kept(submit, spine_form, answers):
    answers["name"] = "Pat\tExample"
    answers["symptom_list"] = ["Numbness"]
    answers["numbness_where"] = "Left leg\r\nand foot"
    response = submit("spine", answers)
    assert response.status_code == 201, response.content
    stored = IntakeSubmission.objects.get().answers
    assert stored["numbness_where"] == "Left leg\r\nand foot"
    assert stored["name"] == "Pat\tExample"


def test_html_form_refuses_a_control_character_with_422(client, spine_form):
    data = {
        "_token": issue_form_token("spine"),
        "_step": "3",
        "where_is_the_pain": ["lumbar"],
        "how_long": "Over 12 weeks",
        "pain_score": "6",
        "prior_back_surgery": "no",
        "name": "Pat\x01",
        "email": "pat@example.com",
        "i_agree": "on",
    }
    response = client.post("/intake/spine/", data)
    assert response.status_code == 422
    assert "control character U+0001" in response.content.decode()
    assert IntakeSubmission.objects.count() == 0
