import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.intake.models import IntakeSubmission

from .test_encryption import make_submission


def test_purge_deletes_expired_and_keeps_audit_entry(db, settings):
    settings.INTAKE_RETENTION_DAYS = 30
    old, recent = make_submission({"a": 1}), make_submission({"a": 2})
    IntakeSubmission.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - timedelta(days=31)
    )
    call_command("purge_intake_submissions", stdout=io.StringIO())
    assert list(IntakeSubmission.objects.values_list("pk", flat=True)) == [recent.pk]
    entry = ModelLogEntry.objects.get(action="intake.purge")
    assert entry.object_id == str(old.pk)
    assert entry.data == {"retention_days": 30}


def test_dry_run_deletes_nothing(db):
    submission = make_submission({"a": 1})
    IntakeSubmission.objects.filter(pk=submission.pk).update(
        submitted_at=timezone.now() - timedelta(days=1000)
    )
    call_command("purge_intake_submissions", "--dry-run", stdout=io.StringIO())
    assert IntakeSubmission.objects.count() == 1
