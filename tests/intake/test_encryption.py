"""Answers at rest: the column holds Fernet tokens only, and key rotation keeps rows readable."""

import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import connection

from cms.intake.models import IntakeSubmission

from .factories import IntakeFormFactory

OLD_KEY = "PRyJpWPe9OqxKzYjB5j5OT6DNfFInLHR7_Fi4467dyQ="
NEW_KEY = Fernet.generate_key().decode()


def make_submission(answers):
    intake_form = IntakeFormFactory()
    return IntakeSubmission.objects.create(
        form=intake_form,
        form_version=1,
        form_snapshot={},
        answers=answers,
        consent_given_at="2025-01-01T00:00:00Z",
        consent_version="v1",
    )


def raw_answers(pk):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT answers FROM {IntakeSubmission._meta.db_table} WHERE id = %s",
            [IntakeSubmission._meta.pk.get_db_prep_value(pk, connection)],
        )
        return cursor.fetchone()[0]


def test_column_holds_no_plaintext(db):
    submission = make_submission({"symptoms": "numbness in the left foot"})
    raw = raw_answers(submission.pk)
    assert "numbness" not in raw
    assert "symptoms" not in raw
    assert Fernet(OLD_KEY).decrypt(raw.encode())  # a real token under the configured key
    submission.refresh_from_db()
    assert submission.answers == {"symptoms": "numbness in the left foot"}


def test_rotation_keeps_every_row_readable(db, settings):
    submissions = [make_submission({"n": n}) for n in range(3)]
    settings.INTAKE_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_intake_key", batch_size=2, stdout=io.StringIO())
    settings.INTAKE_ENCRYPTION_KEYS = [NEW_KEY]  # the old key is gone
    for n, submission in enumerate(submissions):
        Fernet(NEW_KEY).decrypt(raw_answers(submission.pk).encode())
        submission.refresh_from_db()
        assert submission.answers == {"n": n}


def test_unknown_key_cannot_read(db, settings):
    submission = make_submission({"a": 1})
    settings.INTAKE_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(InvalidToken):
        IntakeSubmission.objects.get(pk=submission.pk)


def test_missing_key_fails_the_system_check(settings):
    settings.INTAKE_ENCRYPTION_KEYS = []
    assert "intake.E001" in [error.id for error in run_checks()]
