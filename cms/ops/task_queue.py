"""At-least-once delivery for tasks on the database queue (django-tasks-db).

django-tasks-db runs each task once: a task that raises stays FAILED, and one whose worker died
stays RUNNING for ever. Both gaps are closed here, and only here:

- **Retries with backoff.** When a task fails on the database backend, its row goes back to
  READY with ``run_after`` pushed by the next of ``TASKS_RETRY_DELAYS`` (seconds). Attempts are
  the row's claims (``worker_ids``), so a retry keeps the task's id, arguments and last error.
  After the last delay the task stays FAILED (and is logged).
- **A lease.** A RUNNING task whose ``started_at`` is older than ``TASKS_LEASE_SECONDS`` is
  taken to belong to a dead worker and is made READY again (or FAILED when out of attempts).
  ``manage.py task_worker`` (db_worker plus this check) applies it; the lease must be longer
  than any task runs (mail and webhooks have their own timeouts well below it).

Tasks may therefore run more than once: they must be idempotent, as the intake notification
and the webhook delivery are (a duplicate mail or POST, never a lost one).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("cms.ops")


def retry_delay(attempts: int) -> float | None:
    """Seconds before attempt ``attempts + 1``, or None when no attempt is left."""
    delays = settings.TASKS_RETRY_DELAYS
    return delays[attempts - 1] if 0 < attempts <= len(delays) else None


@receiver(task_finished, dispatch_uid="cms.ops.retry_failed_task")
def retry_failed_task(sender, task_result, **kwargs):
    backend = sender if isinstance(sender, type) else type(sender)
    if task_result.status != TaskResultStatus.FAILED or not issubclass(backend, DatabaseBackend):
        return
    row = DBTaskResult.objects.filter(pk=task_result.id, status=TaskResultStatus.FAILED).first()
    if row is None:
        return
    delay = retry_delay(len(row.worker_ids))
    if delay is None:
        logger.error("Task %s (%s) failed for good after %d attempts",
                     row.pk, row.task_path, len(row.worker_ids))  # fmt: skip
        return
    run_after = timezone.now() + timedelta(seconds=delay)
    DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    logger.warning("Task %s (%s) failed; attempt %d in %ss",
                   row.pk, row.task_path, len(row.worker_ids) + 1, delay)  # fmt: skip


class LeaseExpired(Exception):
    """The worker running this task stopped reporting (killed or lost)."""


def requeue_stale_tasks(now=None) -> int:
    """Make tasks RUNNING for longer than the lease READY again; returns how many."""
    now = now or timezone.now()
    expired = now - timedelta(seconds=settings.TASKS_LEASE_SECONDS)
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).filter(
        Q(started_at__lt=expired) | Q(started_at__isnull=True)
    )
    requeued = 0
    for row in stale:
        if retry_delay(len(row.worker_ids)) is None:
            row.set_failed(LeaseExpired(f"no result {settings.TASKS_LEASE_SECONDS}s after start"))
            continue
        requeued += DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, run_after=now
        )
        logger.warning("Task %s (%s) outlived its lease; queued again", row.pk, row.task_path)
    return requeued
