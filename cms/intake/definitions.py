"""A form's definition (its row, fields and red-flag rules) cached for the submission endpoint.

A submission needs the whole definition to validate the answers and snapshot the form, which
costs three queries; a busy form is submitted far more often than it is edited. So the loaded
:class:`IntakeForm` (with its rows and rules) is kept in the default cache under a *generation*
stamp. Any save or delete of a form, a field or a red flag replaces the stamp, at once and again
once its transaction commits (so a request that read the old rows while the edit was in flight
cannot store them under the new stamp). Entries also expire after :data:`TIMEOUT` seconds, which
bounds how long a change made behind the signals' back (a queryset ``update()``) can go unseen.

The cache is only a shortcut: when it is down, or a key is missing, the form is read from the
database as before. The submission itself never goes through the cache.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .models import IntakeForm, IntakeFormField, IntakeRedFlag

logger = logging.getLogger("cms.intake")

GENERATION_KEY = "intake:forms:generation"
TIMEOUT = 300


def _generation():
    """The current stamp, created when missing; ``None`` when the cache cannot be used."""
    try:
        stamp = cache.get(GENERATION_KEY)
        if stamp is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
            stamp = cache.get(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - any backend failure: read the database
        # Not a warning: the rate limit already reports the outage once per submission.
        logger.debug("Intake form cache unavailable; reading the form from the database.")
        return None
    return stamp if isinstance(stamp, str) else None


def submittable_form(slug: str) -> IntakeForm | None:
    """The form ``slug`` with its rows and red-flag rules loaded, or ``None`` if there is none."""
    stamp = _generation()
    key = f"intake:form:{stamp}:{slug}"
    if stamp is not None:
        try:
            cached = cache.get(key)
        except Exception:  # noqa: BLE001
            cached = None
        if isinstance(cached, IntakeForm):
            return cached
    intake_form = IntakeForm.objects.filter(slug=slug).first()
    if intake_form is None:
        return None
    intake_form.get_form_fields()
    intake_form.red_flag_rules()
    if stamp is not None:
        try:
            cache.set(key, intake_form, timeout=TIMEOUT)
        except Exception:  # noqa: BLE001 - a dropped write only costs the next request a read
            pass
    return intake_form


def forget_forms(**kwargs) -> None:
    """Make every cached definition stale: now, and again when the current transaction commits."""

    def bump():
        try:
            cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        except Exception:  # noqa: BLE001
            logger.warning("Intake form cache unavailable; could not mark forms as changed.")

    bump()
    transaction.on_commit(bump, robust=True)


for _model in (IntakeForm, IntakeFormField, IntakeRedFlag):
    post_save.connect(forget_forms, sender=_model, dispatch_uid=f"intake-forget-{_model.__name__}")
    post_delete.connect(
        forget_forms, sender=_model, dispatch_uid=f"intake-forget-del-{_model.__name__}"
    )
