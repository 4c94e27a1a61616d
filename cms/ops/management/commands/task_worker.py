"""``manage.py task_worker``: django-tasks-db's ``db_worker`` plus the task lease.

Same options as ``db_worker``. A thread in the worker makes tasks left RUNNING past
``TASKS_LEASE_SECONDS`` (by a killed worker) READY again every few seconds
(cms/ops/task_queue.py). SIGTERM stops the worker after its current task, which the mail and
webhook timeouts keep short; a second SIGTERM exits at once, and the lease brings that task back.
"""

import logging
import threading
import time

from django.db import connections
from django_tasks_db.management.commands import db_worker

from cms.ops.task_queue import requeue_stale_tasks

logger = logging.getLogger("cms.ops")


class LeasingWorker(db_worker.Worker):
    lease_check_interval = 5.0  # seconds

    def run(self):
        requeue_stale_tasks()
        if not self.batch:
            threading.Thread(target=self.keep_leases, name="task-leases", daemon=True).start()
        return super().run()

    def keep_leases(self):
        while self.running:
            time.sleep(self.lease_check_interval)
            try:
                requeue_stale_tasks()
            except Exception:
                logger.exception("Could not check task leases")
            finally:
                connections.close_all()  # this thread's own connections


class Command(db_worker.Command):
    help = "Run queued tasks (db_worker), re-running tasks a dead worker left RUNNING."

    def handle(self, *args, **options):
        # db_worker builds its Worker by module-level name; swap in ours for this run only.
        default_worker, db_worker.Worker = db_worker.Worker, LeasingWorker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = default_worker
