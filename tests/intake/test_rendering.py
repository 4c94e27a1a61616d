"""The server-rendered form carries same-step rules for the optional live-visibility script."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from cms.intake.protection import issue_form_token

from .factories import build_form

FIRST = {
    "where_is_the_pain": ["lumbar"],
    "how_long": "Over 12 weeks",
    "pain_score": "6",
    "prior_back_surgery": "no",
}


def wrappers(response):
    html = BeautifulSoup(response.content, "html.parser")
    return {div["data-field-name"]: div for div in html.select(".intake-field")}, html


def test_same_step_rules_are_rendered_as_data_attributes(client, spine_form):
    response = client.post("/intake/spine/", {"_token": issue_form_token("spine"), **FIRST})
    fields, _ = wrappers(response)
    assert list(fields) == ["symptom_list", "numbness_where", "sleep_hours"]
    numbness = fields["numbness_where"]
    assert {k: v for k, v in numbness.attrs.items() if k.startswith("data-visible-if")} == {
        "data-visible-if-field": "symptom_list",
        "data-visible-if-operator": "contains",
        "data-visible-if-value": "Numbness",
    }
    # Without JavaScript it is shown, with its note, and not hidden.
    assert "hidden" not in numbness.attrs
    assert "Answer only if “Symptom list” contains “Numbness”." in numbness.text
    assert "data-visible-if-field" not in fields["sleep_hours"].attrs


def test_rules_on_earlier_steps_are_resolved_on_the_server(client, spine_form):
    # "Worst pain detail" depends on the pain score from step 1: decided by the server, no data.
    data = {"_token": issue_form_token("spine"), **FIRST, "pain_score": "9"}
    fields, _ = wrappers(client.post("/intake/spine/", data))
    assert "data-visible-if-field" not in fields["worst_pain_detail"].attrs


@pytest.mark.parametrize(("written", "rendered"), [("True", "yes"), ("no", "no")])
def test_yes_no_rules_use_the_radio_values(client, db, written, rendered):
    build_form(
        [
            ("Had surgery", "yesno", {}),
            ("When", "date", {"visible_if_field": "had_surgery", "visible_if_value": written}),
        ],
        slug="yn",
    )
    fields, _ = wrappers(client.get("/intake/yn/"))
    assert fields["when"]["data-visible-if-value"] == rendered


def test_the_script_is_deferred_and_shipped_with_the_app(client, spine_form):
    _, html = wrappers(client.get("/intake/spine/"))
    (script,) = html.select("script[src]")
    assert script["src"] == "/static/intake/intake-form.js"
    assert script.has_attr("defer")
    source = open(finders.find("intake/intake-form.js")).read()
    assert "data-visible-if-field" in source and ".hidden =" in source
