"""Editors build forms in the admin; the whole row list is checked on save."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.intake.models import IntakeForm

ADD_URL = "wagtailsnippets_intake_intakeform:add"


def row(label, field_type, **extra):
    return {
        "label": label,
        "field_type": field_type,
        "required": "on",
        "help_text": "",
        "choices": "",
        "placeholder": "",
        "default_value": "",
        "visible_if_field": "",
        "visible_if_operator": "equals",
        "visible_if_value": "",
        **extra,
    }


def post_form(client, rows, red_flags=()):
    data = nested_form_data(
        {
            "title": "Neck pain",
            "slug": "neck-pain",
            "intro": "",
            "consent_text": "I agree.",
            "consent_version": "v1",
            "success_message": "Thanks",
            "notification_email": "",
            "fields": inline_formset(rows),
            "red_flags": inline_formset(list(red_flags)),
        }
    )
    return client.post(reverse(ADD_URL), data)


@pytest.fixture
def form_editor_client(editor_client, intake_groups):
    return editor_client


def test_editor_builds_a_form(form_editor_client):
    response = post_form(
        form_editor_client,
        [
            row("Had surgery", "yesno"),
            row("When", "date", visible_if_field="had_surgery", visible_if_value="yes"),
            row("I agree", "consent"),
        ],
    )
    assert response.status_code == 302
    intake_form = IntakeForm.objects.get(slug="neck-pain")
    assert [f.clean_name for f in intake_form.fields.all()] == ["had_surgery", "when", "i_agree"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([row("Name", "singleline")], "exactly one consent field"),
        ([row("A", "consent"), row("B", "consent")], "exactly one consent field"),
        (
            [row("When", "date", visible_if_field="had_surgery"), row("I agree", "consent")],
            "not the name of an earlier field",
        ),
        (
            [row("Name", "singleline"), row("Name", "singleline"), row("I agree", "consent")],
            "already has the name",
        ),
        ([row("Pick", "radio"), row("I agree", "consent")], "List the choices"),
        ([row("Website", "singleline"), row("I agree", "consent")], "is reserved"),
    ],
)
def test_invalid_row_lists_are_refused(form_editor_client, rows, message):
    response = post_form(form_editor_client, rows)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IntakeForm.objects.exists()


def test_no_public_endpoint_lists_submissions(client, db):
    paths = client.get("/api/v3/openapi.json").json()["paths"]
    intake_paths = sorted(p for p in paths if "intake" in p)
    assert intake_paths == [
        "/api/v3/intake/forms/{slug}/",
        "/api/v3/intake/forms/{slug}/submissions/",
        "/api/v3/intake/forms/{slug}/token",
    ]
    assert list(paths["/api/v3/intake/forms/{slug}/submissions/"]) == ["post"]


def test_form_with_submissions_cannot_be_deleted(admin_client, spine_form, answers, submit):
    assert submit("spine", answers).status_code == 201
    url = reverse("wagtailsnippets_intake_intakeform:delete", args=[spine_form.pk])
    response = admin_client.post(url)
    assert response.status_code == 302
    assert IntakeForm.objects.filter(pk=spine_form.pk).exists()


def test_form_without_submissions_can_be_deleted(admin_client, spine_form):
    url = reverse("wagtailsnippets_intake_intakeform:delete", args=[spine_form.pk])
    assert admin_client.post(url).status_code == 302
    assert not IntakeForm.objects.exists()


def test_red_flags_must_name_a_field_of_the_form(form_editor_client):
    rows = [row("Symptoms", "checkboxes", choices="Numbness\nWeakness"), row("I agree", "consent")]
    flag = {"field": "symptom", "operator": "contains", "value": "Weakness", "message": "Call 911."}
    response = post_form(form_editor_client, rows, [flag])
    assert response.status_code == 200
    assert "symptom&#x27; is not the name of a field of this form" in response.content.decode()

    flag["field"] = "symptoms"
    response = post_form(form_editor_client, rows, [flag])
    assert response.status_code == 302
    assert IntakeForm.objects.get().red_flag_rules() == [
        {"field": "symptoms", "operator": "contains", "value": "Weakness", "message": "Call 911."}
    ]
