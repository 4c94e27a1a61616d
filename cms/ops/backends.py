"""A development task backend that never makes the request wait."""

import queue
import threading

from django.db import connections, transaction
from django_tasks.backends.immediate import ImmediateBackend


class BackgroundThreadBackend(ImmediateBackend):
    """Runs each task at once, like ``ImmediateBackend``, but in a background thread.

    Development uses it so a patient's submission never waits for mail (a slow or absent SMTP
    server), with no worker to run. Tasks are not retried and die with the process; production
    uses the database queue (``task_worker``). A task enqueued inside a transaction runs when it
    commits (its thread's connection must see what was written), and never if it rolls back.
    Tasks run one at a time, in order, as a single worker would: two tasks indexing the same page
    never race.
    """

    _queue: "queue.SimpleQueue | None" = None
    _lock = threading.Lock()

    def _execute_task(self, task_result):
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda: self._worker_queue().put(task_result))
        else:
            self._worker_queue().put(task_result)

    def _worker_queue(self):
        cls = type(self)
        with cls._lock:
            if cls._queue is None:
                cls._queue = queue.SimpleQueue()
                threading.Thread(target=self._work, name="tasks", daemon=True).start()
        return cls._queue

    def _work(self):
        while True:
            task_result = type(self)._queue.get()
            try:
                super()._execute_task(task_result)
            finally:
                connections.close_all()
