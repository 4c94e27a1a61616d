"""Storing a validated submission: the one code path the API and the HTML form share."""

import hashlib
import json
import logging
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import IdempotencyRecord, IntakeSubmission
from .tasks import notify_new_submission, notify_urgent_submission

logger = logging.getLogger("cms.intake")


def store_submission(intake_form, form, source_page=None) -> IntakeSubmission:
    """Save ``form``'s answers (a valid ``IntakeBaseForm``) and queue the notification.

    The snapshot ties the answers to the exact form version they answered; the notification
    is queued only once the row has committed, so it can never announce a rolled-back row,
    and a failure to send it cannot undo the row. A form without a notification address queues
    none (there is nobody to tell); an urgent submission always tells the Intake managers. The
    row is one ``INSERT``, atomic on its own: outside a transaction it commits as it is written
    (no ``BEGIN``/``COMMIT`` round trips) and the notification is queued right after; inside
    one, both wait for its commit.
    """
    return _create(intake_form, form, source_page)


def _create(intake_form, form, source_page):
    submission = IntakeSubmission.objects.create(
        form=intake_form,
        form_version=intake_form.version,
        form_snapshot=intake_form.schema(),
        answers=form.answers(),
        consent_given_at=timezone.now(),
        consent_version=intake_form.consent_version,
        source_page=source_page,
        urgent=bool(form.raised_red_flags()),
    )
    if intake_form.notification_email:
        transaction.on_commit(
            partial(notify_new_submission.enqueue, str(submission.pk)), robust=True
        )
    if submission.urgent:
        transaction.on_commit(
            partial(notify_urgent_submission.enqueue, str(submission.pk)),
            robust=True,
        )
    return submission


def request_fingerprint(slug: str, body: dict) -> str:
    canonical = json.dumps([slug, body], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class IdempotencyConflict(Exception):
    """The key was used before with a different body."""


def store_idempotent(key, fingerprint, intake_form, form, source_page, respond):
    """Store once per ``Idempotency-Key``; replay the first response for repeats.

    ``respond(submission)`` builds the ``(status, body)`` to remember. Returns
    ``(status, body, created)``. The unique index on the key serialises concurrent requests:
    the loser of the race waits for the winner's transaction, fails the insert, and replays.
    """
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                key=key, fingerprint=fingerprint, response_status=0, response_body={}
            )
            submission = _create(intake_form, form, source_page)
            status, body = respond(submission)
            record.submission = submission
            record.response_status, record.response_body = status, body
            record.save(update_fields=["submission", "response_status", "response_body"])
        return status, body, True
    except IntegrityError:
        record = IdempotencyRecord.objects.filter(key=key).first()
        if record is None:  # the other request rolled back; nothing to replay
            raise
    if record.fingerprint != fingerprint:
        raise IdempotencyConflict
    return record.response_status, record.response_body, False


def replay(key, fingerprint):
    """An earlier response for this key, checked before validating (so a retry of a request
    that was accepted replays even if the form changed since). ``None`` if the key is new."""
    record = IdempotencyRecord.objects.filter(key=key).first()
    if record is None:
        return None
    if record.fingerprint != fingerprint:
        raise IdempotencyConflict
    return record.response_status, record.response_body
