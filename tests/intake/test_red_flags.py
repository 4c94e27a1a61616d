"""Red-flag rules: urgent advice for the patient at once, an urgent submission for the clinic."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import ModelLogEntry

from cms.intake.groups import INTAKE_MANAGERS
from cms.intake.models import IntakeRedFlag, IntakeSubmission
from cms.intake.protection import issue_form_token

ADVICE = "Go to an emergency department now."
FIRST = {
    "where_is_the_pain": ["lumbar"],
    "how_long": "Over 12 weeks",
    "pain_score": "6",
    "prior_back_surgery": "no",
}
CONTACT = {"name": "Pat Example", "email": "pat@example.com", "i_agree": "on"}


@pytest.fixture
def flagged_form(spine_form):
    IntakeRedFlag.objects.create(
        form=spine_form, field="symptom_list", operator="contains", value="Weakness", message=ADVICE
    )
    return spine_form


def step(client, data):
    return client.post("/intake/spine/", {"_token": issue_form_token("spine"), **data})


def test_rules_are_in_the_typed_schema(client, flagged_form):
    schema = client.get("/api/v3/intake/forms/spine/").json()
    assert schema["red_flags"] == [
        {"field": "symptom_list", "operator": "contains", "value": "Weakness", "message": ADVICE}
    ]
    openapi = client.get("/api/v3/openapi.json").json()
    assert "RedFlagRule" in openapi["components"]["schemas"]


def test_the_step_carries_the_advice_hidden_for_the_script(client, flagged_form):
    html = step(client, {"_step": "0", **FIRST}).content.decode()
    assert 'data-red-flag-field="symptom_list"' in html
    assert 'data-red-flag-value="Weakness"' in html
    assert "hidden" in html.split('data-red-flag-field="symptom_list"')[0].rsplit("<div", 1)[1]


def test_without_javascript_the_next_step_shows_the_advice(client, flagged_form):
    response = step(client, {"_step": "2", **FIRST, "symptom_list": ["Weakness"]})
    html = response.content.decode()
    assert "Step 4 of 4" in html
    assert ADVICE in html and 'class="intake-urgent" role="alert"' in html

    calm = step(client, {"_step": "2", **FIRST, "symptom_list": ["Leg pain"]}).content.decode()
    assert 'class="intake-urgent" role="alert"' not in calm


def test_an_answer_on_the_last_step_shows_the_advice_instead_of_redirecting(client, flagged_form):
    IntakeRedFlag.objects.create(
        form=flagged_form, field="name", operator="contains", value="help", message="Call now."
    )
    data = {"_step": "3", **FIRST, **CONTACT, "name": "Please help"}
    response = step(client, data)
    assert response.status_code == 200
    assert "Call now." in response.content.decode()
    assert IntakeSubmission.objects.get().urgent is True


def test_a_matching_submission_is_urgent_and_managers_are_told_without_health_data(
    flagged_form, answers, submit, intake_groups, django_capture_on_commit_callbacks
):
    manager = get_user_model().objects.create_user("m", "manager@example.com", "password")
    manager.groups.add(Group.objects.get(name=INTAKE_MANAGERS))
    answers["symptom_list"] = ["Weakness"]
    with django_capture_on_commit_callbacks(execute=True):
        assert submit("spine", answers).status_code == 201
    submission = IntakeSubmission.objects.get()
    assert submission.urgent is True
    urgent = [m for m in mail.outbox if "URGENT" in m.subject]
    assert len(urgent) == 1
    assert urgent[0].to == ["clinic@example.com", "manager@example.com"]
    for text in (urgent[0].subject, urgent[0].body):
        assert "Weakness" not in text and "Pat" not in text and ADVICE not in text
    assert str(submission.pk) in urgent[0].body


def test_a_calm_submission_is_not_urgent(
    flagged_form, answers, submit, django_capture_on_commit_callbacks
):
    answers["symptom_list"] = ["Leg pain"]
    with django_capture_on_commit_callbacks(execute=True):
        assert submit("spine", answers).status_code == 201
    assert IntakeSubmission.objects.get().urgent is False
    assert not any("URGENT" in m.subject for m in mail.outbox)


def test_a_rule_on_a_hidden_field_never_fires(flagged_form, answers, submit):
    IntakeRedFlag.objects.create(
        form=flagged_form,
        field="surgery_date",
        operator="at_least",
        value="2000-01-01",
        message="x",
    )
    answers["symptom_list"] = ["Leg pain"]
    answers["surgery_date"] = "2020-01-01"  # its step is hidden: prior_back_surgery is False
    submit("spine", answers)
    assert IntakeSubmission.objects.get().urgent is False


def test_urgent_submissions_list_and_filter_first(flagged_form, answers, submit, manager_client):
    answers["symptom_list"] = ["Leg pain"]
    submit("spine", answers)
    answers["symptom_list"] = ["Weakness"]
    submit("spine", answers)
    urgent = IntakeSubmission.objects.get(urgent=True)
    assert list(IntakeSubmission.objects.all())[0] == urgent
    listing = manager_client.get("/admin/intake_submissions/").content.decode()
    assert listing.index(str(urgent)) < listing.index(
        str(IntakeSubmission.objects.get(urgent=False))
    )
    filtered = manager_client.get("/admin/intake_submissions/?urgent=true").content.decode()
    assert str(urgent) in filtered
    assert str(IntakeSubmission.objects.get(urgent=False)) not in filtered


def test_manager_reads_the_flag_and_moves_it_through_the_workflow(
    flagged_form, answers, submit, manager_client
):
    answers["symptom_list"] = ["Weakness"]
    submit("spine", answers)
    submission = IntakeSubmission.objects.get()
    page = manager_client.get(submission.get_admin_url()).content.decode()
    assert "Urgent:" in page and ADVICE in page
    assert page.index("Where is the pain") < page.index("Symptom list") < page.index("Email")
    assert "Mark as contacted" in page

    status_url = f"/admin/intake_submissions/status/{submission.pk}/"
    manager_client.post(status_url, {"from": "new"})
    submission.refresh_from_db()
    assert submission.status == "contacted"
    assert "Close" in manager_client.get(submission.get_admin_url()).content.decode()
    manager_client.post(status_url, {"from": "contacted"})
    submission.refresh_from_db()
    assert submission.status == "closed"
    # A stale button (from "new" again) changes nothing.
    manager_client.post(status_url, {"from": "new"})
    submission.refresh_from_db()
    assert submission.status == "closed"

    changes = ModelLogEntry.objects.filter(action="intake.status").order_by("timestamp")
    assert [(e.data["from"], e.data["to"]) for e in changes] == [
        ("new", "contacted"),
        ("contacted", "closed"),
    ]
    assert ModelLogEntry.objects.filter(action="intake.view").count() == 2


def test_editors_cannot_move_a_submission(
    flagged_form, answers, submit, editor_client, intake_groups
):
    submit("spine", answers)
    submission = IntakeSubmission.objects.get()
    response = editor_client.post(
        f"/admin/intake_submissions/status/{submission.pk}/", {"from": "new"}
    )
    assert response.status_code in (302, 403)
    submission.refresh_from_db()
    assert submission.status == "new"
