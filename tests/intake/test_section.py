"""The ``intake_form`` section: server-rendered steps without JavaScript, and the API schema."""

import pytest
from django.test import Client

from cms.blocks import section_registry
from cms.intake.models import IntakeSubmission
from cms.intake.protection import issue_form_token
from tests.factories import ConditionPageFactory, publish_approved

FORM_URL = "/intake/spine/"


@pytest.fixture
def page(condition_index, spine_form):
    page = ConditionPageFactory(parent=condition_index, title="Back pain", slug="back-pain")
    page.body = [
        ("intake_form", {"heading": "Tell us", "intro": "", "form": spine_form, "anchor": "intake"})
    ]
    publish_approved(page)
    return page


def test_section_is_registered():
    assert "intake_form" in section_registry


def test_page_offers_a_start_button_and_no_per_visitor_value(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<section id="intake"' in html
    assert f'href="{FORM_URL}?page={page.pk}"' in html
    assert "csrfmiddlewaretoken" not in html and 'name="_token"' not in html
    assert not response.cookies


def test_step_one_issues_the_tokens_uncached(client, page):
    response = client.get(f"{FORM_URL}?page={page.pk}")
    html = response.content.decode()
    assert "csrfmiddlewaretoken" in html and 'name="_token"' in html
    assert "Step 1 of 4" in html
    assert 'name="pain_score"' in html and 'name="email"' not in html
    assert "no-store" in response["Cache-Control"]


def test_api_representation_embeds_schema_without_token(client, page, spine_form):
    response = client.get(f"/api/v3/pages/{page.pk}/")
    assert response.status_code == 200, response.content
    assert not response.cookies
    (section,) = [s for s in response.json()["body"] if s["type"] == "intake_form"]
    assert section["value"]["form"] == {
        **spine_form.schema(),
        "honeypot_field": "website",
        "token_url": "/api/v3/intake/forms/spine/token",
        "submit_url": "/api/v3/intake/forms/spine/submissions/",
    }
    assert "form_token" not in response.content.decode()


def test_post_without_csrf_token_is_refused(spine_form):
    response = Client(enforce_csrf_checks=True).post(FORM_URL, {"_step": "0"})
    assert response.status_code == 403


def step(client, data, page=None):
    url = FORM_URL + (f"?page={page.pk}" if page else "")
    return client.post(url, {"_token": issue_form_token("spine"), **data})


FIRST = {
    "where_is_the_pain": ["lumbar", "cervical"],
    "how_long": "Over 12 weeks",
    "pain_score": "6",
    "prior_back_surgery": "no",
}
SYMPTOMS = {"symptom_list": ["Weakness"]}
CONTACT = {"name": "Pat Example", "email": "pat@example.com", "i_agree": "on"}


def test_steps_work_without_javascript(client, page):
    response = step(client, {"_step": "0", **FIRST}, page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Step 3 of 4</p>" in html and ">Symptoms</h2>" in html  # "Your surgery" is skipped
    assert 'type="hidden" name="pain_score" value="6"' in html  # earlier answers carried

    response = step(client, {"_step": "2", **FIRST, **SYMPTOMS}, page)
    assert "Step 4 of 4</p>" in response.content.decode()

    response = step(client, {"_step": "3", **FIRST, **SYMPTOMS, **CONTACT}, page)
    assert response.status_code == 302
    assert response["Location"] == "/intake/spine/thanks/"
    submission = IntakeSubmission.objects.get()
    assert submission.answers["where_is_the_pain"] == ["lumbar", "cervical"]
    assert submission.answers["prior_back_surgery"] is False
    assert submission.source_page_id == page.pk
    assert client.get(response["Location"]).status_code == 200


def test_conditional_step_is_shown_when_its_rule_holds(client, spine_form):
    response = step(client, {"_step": "0", **FIRST, "prior_back_surgery": "yes"})
    assert "Step 2 of 4</p>" in response.content.decode()


def test_errors_rerender_the_step(client, spine_form):
    response = step(client, {"_step": "0", **FIRST, "pain_score": "11"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Step 1 of 4" in html
    assert 'role="alert"' in html
    assert IntakeSubmission.objects.count() == 0


def test_back_returns_to_the_previous_visible_step(client, spine_form):
    response = step(client, {"_step": "3", "_action": "back", **FIRST, **SYMPTOMS})
    assert "Step 3 of 4</p>" in response.content.decode()


def test_honeypot_on_html_form_stores_nothing(client, spine_form):
    data = {"_step": "3", **FIRST, **SYMPTOMS, **CONTACT, "website": "spam"}
    assert step(client, data).status_code == 302
    assert IntakeSubmission.objects.count() == 0
