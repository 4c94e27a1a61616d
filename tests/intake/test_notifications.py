"""The clinic is told after commit; the mail holds no answers; a mail failure loses nothing."""

import smtplib

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from cms.intake.models import IntakeSubmission


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPException("mail server down")


def test_notification_has_only_a_link(
    spine_form, answers, submit, django_capture_on_commit_callbacks
):
    answers["name"] = "Pat Private"
    with django_capture_on_commit_callbacks(execute=True):
        assert submit("spine", answers).status_code == 201
    submission = IntakeSubmission.objects.get()
    (message,) = mail.outbox
    assert message.to == ["clinic@example.com"]
    assert f"/admin/intake_submissions/inspect/{submission.pk}/" in message.body
    assert "Pat" not in message.body and "Pat" not in message.subject
    assert "lumbar" not in message.body


def test_no_mail_before_commit(spine_form, answers, submit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit("spine", answers)
        assert mail.outbox == []
    assert len(callbacks) == 1


def test_failing_mail_never_fails_loses_or_duplicates(
    spine_form, answers, submit, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.intake.test_notifications.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = submit("spine", answers)
    assert response.status_code == 201
    assert IntakeSubmission.objects.count() == 1
    assert mail.outbox == []


def test_mail_link_uses_the_public_origin(
    spine_form, answers, submit, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "https://conditions.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        submit("spine", answers)
    assert "https://conditions.example.org/admin/intake_submissions/" in mail.outbox[0].body


def test_mail_link_falls_back_to_the_default_site(
    site, spine_form, answers, submit, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        submit("spine", answers)
    assert "http://testserver/admin/intake_submissions/" in mail.outbox[0].body
    assert ":8000" not in mail.outbox[0].body
