"""Delete intake submissions older than INTAKE_RETENTION_DAYS; the audit log keeps a record."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from cms.intake.models import IdempotencyRecord, IntakeSubmission


class Command(BaseCommand):
    help = "Delete intake submissions past the retention period (INTAKE_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Override INTAKE_RETENTION_DAYS."
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        days = settings.INTAKE_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        expired = IntakeSubmission.objects.filter(submitted_at__lt=cutoff).select_related("form")
        if dry_run:
            self.stdout.write(f"Would delete {expired.count()} submission(s).")
            return
        deleted = 0
        with transaction.atomic():
            for submission in expired.select_for_update(of=("self",)):
                # The audit entry outlives the row: it stores the id and label, not answers.
                log(submission, "intake.purge", data={"retention_days": days})
                submission.delete()
                deleted += 1
            stale_keys = timezone.now() - timedelta(days=settings.INTAKE_IDEMPOTENCY_DAYS)
            IdempotencyRecord.objects.filter(created_at__lt=stale_keys).delete()
        self.stdout.write(f"Deleted {deleted} submission(s) older than {days} day(s).")
