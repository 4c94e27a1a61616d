"""A development task backend that never makes the request wait."""

import threading

from django.db import connections
from django_tasks.backends.immediate import ImmediateBackend


class BackgroundThreadBackend(ImmediateBackend):
    """Runs each task at once, like ``ImmediateBackend``, but in a thread of its own.

    Development uses it so a patient's submission never waits for mail (a slow or absent SMTP
    server), with no worker to run. Tasks are not retried and die with the process; production
    uses the database queue (``task_worker``).
    """

    def _execute_task(self, task_result):
        def run():
            try:
                super(BackgroundThreadBackend, self)._execute_task(task_result)
            finally:
                connections.close_all()

        threading.Thread(target=run, name=f"task-{task_result.id}", daemon=True).start()
