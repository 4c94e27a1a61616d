"""Who reads submissions: only intake managers, and every read, export and delete is audited."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.intake.models import IntakeSubmission


@pytest.fixture
def submission(spine_form, answers, submit):
    answers["name"] = "Pat Readable"
    assert submit("spine", answers).status_code == 201
    return IntakeSubmission.objects.get()


@pytest.fixture
def form_editor_client(editor_client, intake_groups):
    return editor_client


def urls(submission):
    return {
        "index": reverse("intake_submissions:index"),
        "inspect": reverse("intake_submissions:inspect", args=[submission.pk]),
        "edit": reverse("intake_submissions:edit", args=[submission.pk]),
        "delete": reverse("intake_submissions:delete", args=[submission.pk]),
        "export": reverse("intake_submissions:index") + "?export=csv",
    }


def test_editor_can_edit_forms_but_not_read_submissions(form_editor_client, submission):
    form_url = reverse("wagtailsnippets_intake_intakeform:edit", args=[submission.form_id])
    assert form_editor_client.get(form_url).status_code == 200
    for name, url in urls(submission).items():
        response = form_editor_client.get(url)
        assert response.status_code in (302, 403), name
        assert b"Pat Readable" not in response.content
    assert not ModelLogEntry.objects.filter(action__startswith="intake.").exists()


def test_manager_views_submission_and_it_is_audited(manager_client, submission):
    response = manager_client.get(urls(submission)["inspect"])
    assert response.status_code == 200
    assert b"Pat Readable" in response.content
    entry = ModelLogEntry.objects.get(action="intake.view")
    assert entry.object_id == str(submission.pk)
    assert entry.user.username == "manager"
    assert "Pat" not in entry.label


def test_manager_lists_without_answers(manager_client, submission):
    response = manager_client.get(urls(submission)["index"])
    assert response.status_code == 200
    assert b"Pat Readable" not in response.content


def test_manager_exports_and_it_is_audited(manager_client, submission):
    response = manager_client.get(urls(submission)["export"])
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert "Pat Readable" in content
    assert str(submission.pk) in content
    entry = ModelLogEntry.objects.get(action="intake.export")
    assert entry.object_id == str(submission.pk)
    assert entry.data == {"format": "csv"}


def test_manager_exports_xlsx(manager_client, submission):
    response = manager_client.get(reverse("intake_submissions:index") + "?export=xlsx")
    assert response.status_code == 200
    assert ModelLogEntry.objects.filter(action="intake.export", data__format="xlsx").exists()


def test_manager_deletes_and_it_is_audited(manager_client, submission):
    response = manager_client.post(urls(submission)["delete"])
    assert response.status_code == 302
    assert not IntakeSubmission.objects.exists()
    entry = ModelLogEntry.objects.get(action="wagtail.delete")
    assert entry.object_id == str(submission.pk)


def test_manager_updates_status_only(manager_client, submission):
    response = manager_client.post(urls(submission)["edit"], {"status": "contacted"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "contacted"
    assert submission.answers["name"] == "Pat Readable"


def test_nobody_adds_submissions_in_the_admin(admin_client, db):
    response = admin_client.get(reverse("intake_submissions:add"))
    assert response.status_code in (302, 403)
