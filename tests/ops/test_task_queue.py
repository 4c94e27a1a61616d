"""Mail and webhook tasks on the database queue are delivered at least once."""

import os
import signal
import socket
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .test_redis_breaker import HungServer

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def send_test_mail(subject: str):
    send_mail(subject, "body", "from@example.com", ["clinic@example.com"])


@pytest.fixture
def database_queue(settings, django_db_serialized_rollback, transactional_db):
    # Committed rows, as in production: the worker closes its connection between tasks, which
    # would end a test transaction wrapped around it (on PostgreSQL). The rows migrations made
    # (groups, workflows) are restored afterwards for the tests that follow.
    settings.TASKS = DATABASE_QUEUE
    settings.TASKS_RETRY_DELAYS = [10, 60]
    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    handlers = {sig: signal.getsignal(sig) for sig in signals}
    yield
    for sig, handler in handlers.items():  # the worker installs its own
        signal.signal(sig, handler)


def run_worker():
    call_command("task_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def smtp(settings, port, timeout=10.0):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, timeout


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_refused_smtp_is_retried_with_backoff_then_delivered(database_queue, settings):
    smtp(settings, closed_port())
    result = send_test_mail.enqueue("New submission")

    run_worker()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY  # queued again, not FAILED
    assert row.exception_class_path.endswith("ConnectionRefusedError")
    assert row.run_after >= timezone.now() + timedelta(seconds=9)
    assert len(row.worker_ids) == 1

    run_worker()  # not due yet: nothing runs
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY

    DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now())
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # SMTP is back
    run_worker()

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert len(row.worker_ids) == 2
    assert [message.subject for message in mail.outbox] == ["New submission"]


def test_retries_stop_after_the_last_delay(database_queue, settings):
    smtp(settings, closed_port())
    result = send_test_mail.enqueue("New submission")
    for _ in range(3):
        DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now())
        run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == 3  # the first attempt and one per delay


def test_hung_smtp_times_out_and_is_retried(database_queue, settings):
    server = HungServer()
    try:
        smtp(settings, server.port, timeout=0.3)
        result = send_test_mail.enqueue("New submission")
        run_worker()
    finally:
        server.close()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY
    assert "timeout" in row.exception_class_path.lower() or "Timeout" in row.traceback
    assert len(server.accepted) == 1


def test_a_task_left_running_by_a_dead_worker_runs_again(database_queue, settings):
    settings.TASKS_LEASE_SECONDS = 300
    result = send_test_mail.enqueue("Webhook")
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim("killed-worker")
    fresh = send_test_mail.enqueue("Still running elsewhere")
    DBTaskResult.objects.get(pk=fresh.id).claim("live-worker")
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(hours=1))

    run_worker()

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids[0] == "killed-worker" and len(row.worker_ids) == 2
    assert DBTaskResult.objects.get(pk=fresh.id).status == TaskResultStatus.RUNNING
    assert [message.subject for message in mail.outbox] == ["Webhook"]


class BlockingBackend(BaseEmailBackend):
    """An SMTP server that answers only when the test says so."""

    release = threading.Event()
    sent = threading.Event()

    def send_messages(self, messages):
        self.release.wait(timeout=30)
        self.sent.set()
        return len(messages)


def test_development_backend_never_makes_the_caller_wait_for_mail(settings):
    settings.TASKS = {"default": {"BACKEND": "cms.ops.backends.BackgroundThreadBackend"}}
    settings.EMAIL_BACKEND = "tests.ops.test_task_queue.BlockingBackend"
    BlockingBackend.release.clear()
    BlockingBackend.sent.clear()

    send_test_mail.enqueue("New submission")  # returns while the mail server still holds on

    assert not BlockingBackend.sent.is_set()
    BlockingBackend.release.set()
    assert BlockingBackend.sent.wait(timeout=30)


@task()
def slow_task(seconds: float):
    SLOW_TASK_STARTED.set()
    time.sleep(seconds)


SLOW_TASK_STARTED = threading.Event()


def test_sigterm_finishes_the_current_task_and_leaves_the_rest_queued(database_queue):
    """A deploy's SIGTERM: the running task completes, the next one waits for the new worker."""
    SLOW_TASK_STARTED.clear()
    first = slow_task.enqueue(1.0)
    second = slow_task.enqueue(0.0)

    def terminate_once_started():
        if SLOW_TASK_STARTED.wait(timeout=30):
            os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=terminate_once_started, daemon=True).start()
    call_command("task_worker", batch=False, interval=0, startup_delay=False, verbosity=0)

    statuses = {str(pk): status for pk, status in DBTaskResult.objects.values_list("id", "status")}
    assert statuses[first.id] == TaskResultStatus.SUCCESSFUL
    assert statuses[second.id] == TaskResultStatus.READY
