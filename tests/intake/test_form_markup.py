"""The HTML form is easy to answer: progress, an error summary tied to the fields, no repeated
heading, a labelled pain scale, and no inline script or style (the site's CSP allows neither)."""

import pytest
from bs4 import BeautifulSoup

from cms.intake.protection import issue_form_token

FIRST = {
    "where_is_the_pain": ["lumbar"],
    "how_long": "Over 12 weeks",
    "pain_score": "6",
    "prior_back_surgery": "no",
}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def first_step(client, spine_form):
    return soup_of(client.get("/intake/spine/"))


def test_progress_bar_with_text(first_step):
    bar = first_step.select_one(".intake-progress progress")
    assert (bar["value"], bar["max"]) == ("1", "4")
    label = first_step.find(id=bar["aria-labelledby"])
    assert label.get_text() == "Step 1 of 4"


def test_step_one_does_not_repeat_the_form_title(first_step):
    headings = [h.get_text(strip=True) for h in first_step.select("h1, h2, h3")]
    assert headings.count("Spine intake") == 1


def test_pain_scale_is_a_labelled_group_of_eleven_radios(first_step):
    field = first_step.select_one(".intake-field--painscale")
    assert field.select_one("legend").get_text(strip=True).startswith("Pain score")
    radios = field.select('input[type="radio"]')
    assert [r["value"] for r in radios] == [str(i) for i in range(11)]
    ends = field.select_one(".intake-scale-ends")
    assert ends["id"] in radios[0]["aria-describedby"]


def test_no_inline_script_or_style(first_step):
    assert not first_step.select("script:not([src])")
    assert not first_step.select("[style]")
    tags = first_step.find_all(True)
    assert not [tag for tag in tags if any(a.startswith("on") for a in tag.attrs)]


def test_errors_are_summarised_first_and_tied_to_their_inputs(client, spine_form):
    data = {"_token": issue_form_token("spine"), "_step": "0", **FIRST, "pain_score": "11"}
    data.pop("how_long")
    soup = soup_of(client.post("/intake/spine/", data))
    form = soup.select_one("form.intake-form")
    summary = form.select_one(".intake-error-summary")
    # First visible thing in the form (before progress and fields), focusable by the script.
    assert form.find(class_=["intake-error-summary", "intake-progress", "intake-field"]) == summary
    assert summary["tabindex"] == "-1"
    links = {a["href"]: a.get_text() for a in summary.select("a")}
    assert set(links) == {"#id_how_long_0", "#id_pain_score_0"}
    for href in links:
        target = soup.find(id=href[1:])
        assert target is not None and target["aria-invalid"] == "true"
        error_id = target["aria-describedby"].split()[-1]
        assert soup.find(id=error_id).get_text()  # the message itself


def test_conditional_hint_is_marked_for_the_script_to_hide(client, spine_form):
    data = {"_token": issue_form_token("spine"), "_step": "0", **FIRST}
    soup = soup_of(client.post("/intake/spine/", data))
    hint = soup.select_one(".intake-hint--conditional")
    assert hint.get_text().startswith("Answer only if")
    assert hint["id"] in soup.select_one('[name="numbness_where"]')["aria-describedby"]
