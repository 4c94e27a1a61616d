"""A development task backend that never makes the request wait."""

import atexit
import queue
import threading
import time

from django.db import connections, transaction
from django_tasks.backends.immediate import ImmediateBackend


class BackgroundThreadBackend(ImmediateBackend):
    """Runs each task at once, like ``ImmediateBackend``, but in a background thread.

    Development uses it so a patient's submission never waits for mail (a slow or absent SMTP
    server), with no worker to run. Tasks are not retried and die with the process; production
    uses the database queue (``task_worker``). A task enqueued inside a transaction runs when it
    commits (its thread's connection must see what was written), and never if it rolls back.
    Tasks run one at a time, in order, as a single worker would: two tasks indexing the same page
    never race. A process that exits (a management command such as ``load_demo``) first lets the
    queued tasks finish, for up to :attr:`drain_seconds`.
    """

    drain_seconds = 60.0
    _queue: "queue.Queue | None" = None
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
                cls._queue = queue.Queue()
                threading.Thread(target=self._work, name="tasks", daemon=True).start()
                atexit.register(cls._drain)
        return cls._queue

    @classmethod
    def _drain(cls):
        deadline = time.monotonic() + cls.drain_seconds
        while cls._queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.05)

    def _work(self):
        while True:
            task_result = type(self)._queue.get()
            try:
                super()._execute_task(task_result)
            finally:
                connections.close_all()
                type(self)._queue.task_done()
