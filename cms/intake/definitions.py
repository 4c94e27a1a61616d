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

Each process also keeps the definitions it has *prepared* (the Django form class built from the
rows, and the schema every submission stores as its snapshot), keyed by the same stamp: while
the stamp is unchanged a request reuses them, paying one cache read (the stamp) instead of
unpickling the form and rebuilding both. They expire with the shared entry (:data:`TIMEOUT`
after the rows were read), and a new stamp, from any process, makes them stale at once. The
prepared form is shared by the requests of the process, so it is only read, never changed.
"""

import logging
import threading
import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from cms.edge.stamps import SharedStamp

from .models import IntakeForm, IntakeFormField, IntakeRedFlag

logger = logging.getLogger("cms.intake")

GENERATION_KEY = "intake:forms:generation"
TIMEOUT = 300


#: Not a warning when unreadable: the rate limit already reports the outage once per submission.
STAMP = SharedStamp(GENERATION_KEY, logger, "intake forms", read_failure=logging.DEBUG)


#: slug -> (stamp, prepared form): this process's prepared definitions.
_prepared: dict[str, tuple[str, IntakeForm]] = {}
_prepared_lock = threading.Lock()


def submittable_form(slug: str) -> IntakeForm | None:
    """The form ``slug`` with its rows, red-flag rules, form class and schema ready, or ``None``
    if there is none. Shared with other requests: read it, never change it."""
    stamp = STAMP.read()
    if stamp is not None:
        prepared = _prepared.get(slug)
        if prepared is not None and prepared[0] == stamp and _fresh(prepared[1]):
            return prepared[1]
    intake_form = _cached_or_loaded(stamp, slug)
    if intake_form is None:
        return None
    intake_form.get_form_class()
    intake_form.schema()
    if stamp is not None:
        with _prepared_lock:
            _prepared[slug] = (stamp, intake_form)
    return intake_form


def _fresh(intake_form) -> bool:
    return time.time() - getattr(intake_form, "_loaded_at", 0) < TIMEOUT


def _cached_or_loaded(stamp, slug):
    key = f"intake:form:{stamp}:{slug}"
    if stamp is not None:
        try:
            cached = cache.get(key)
        except Exception:  # noqa: BLE001
            cached = None
        if isinstance(cached, IntakeForm) and _fresh(cached):
            return cached
    intake_form = IntakeForm.objects.filter(slug=slug).first()
    if intake_form is None:
        return None
    intake_form.get_form_fields()
    intake_form.red_flag_rules()
    intake_form._loaded_at = time.time()
    if stamp is not None:
        try:
            cache.set(key, intake_form, timeout=TIMEOUT)
        except Exception:  # noqa: BLE001 - a dropped write only costs the next request a read
            pass
    return intake_form


def forget_forms(**kwargs) -> None:
    """Make every cached definition stale: now, and again when the current transaction commits."""
    STAMP.renew()


for _model in (IntakeForm, IntakeFormField, IntakeRedFlag):
    post_save.connect(forget_forms, sender=_model, dispatch_uid=f"intake-forget-{_model.__name__}")
    post_delete.connect(
        forget_forms, sender=_model, dispatch_uid=f"intake-forget-del-{_model.__name__}"
    )
