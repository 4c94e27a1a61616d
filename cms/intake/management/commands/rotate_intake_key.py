"""Re-encrypt every intake submission with the primary (first) key of INTAKE_ENCRYPTION_KEYS."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cms.intake.encryption import get_fernet
from cms.intake.models import IntakeSubmission


class Command(BaseCommand):
    help = (
        "Re-encrypt intake answers with the first key in INTAKE_ENCRYPTION_KEYS. Put the new "
        "key first, keep the old ones after it, run this, then remove the old keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        get_fernet()  # fail before touching anything when the keys are misconfigured
        ids = list(IntakeSubmission.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            with transaction.atomic():
                batch = IntakeSubmission.objects.filter(pk__in=ids[start : start + batch_size])
                # Loading decrypts with whichever key matches; saving encrypts with the first.
                for submission in batch.select_for_update():
                    submission.save(update_fields=["answers"])
        self.stdout.write(f"Re-encrypted {len(ids)} submission(s) with the primary key.")
