"""The demo intake form, placed on the FBSS page (the one test that reads demo content)."""

import pytest

from cms.demo.loader import load_demo
from cms.intake.models import IntakeForm, IntakeSubmission


@pytest.fixture
def demo(db):
    return load_demo(log=lambda message: None)


def test_demo_form_is_on_the_fbss_page_and_takes_submissions(demo, client):
    load_demo(log=lambda message: None)  # idempotent
    assert IntakeForm.objects.filter(slug="spine-pain-intake").count() == 1
    fbss = demo["fbss"]
    (section,) = [s for s in fbss.body if s.block_type == "intake_form"]
    assert section.value["anchor"] == "intake"

    page = client.get(f"/api/v3/pages/{fbss.pk}/").json()
    (embedded,) = [s["value"]["form"] for s in page["body"] if s["type"] == "intake_form"]
    fields = {f["name"]: f for step in embedded["steps"] for f in step["fields"]}
    assert fields["when_was_your_most_recent_surgery"]["type"] == "date"
    assert embedded["steps"][1]["visible_if"]["field"] == "have_you_had_back_or_neck_surgery_before"

    answers = {
        "where_is_your_pain": ["lumbar"],
        "how_long_have_you_had_this_pain": "More than a year",
        "how_bad_is_your_pain_today": 7,
        "have_you_had_back_or_neck_surgery_before": True,
        "when_was_your_most_recent_surgery": "2022-03-01",
        "do_you_have_any_of_these_symptoms": ["Numbness or tingling"],
        "where_do_you_feel_numbness_or_tingling": "Left foot",
        "full_name": "Pat Example",
        "email": "pat@example.com",
        "i_agree_to_the_terms_above": True,
    }
    response = client.post(
        embedded["submit_url"],
        {"answers": answers, "form_token": embedded["form_token"], "page": fbss.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert IntakeSubmission.objects.get().source_page_id == fbss.pk

    html = client.get(fbss.url).content.decode()
    assert 'id="intake"' in html and 'href="#intake"' in html
