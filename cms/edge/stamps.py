"""A stamp in the shared cache that says "this changed", for values each process keeps.

A process keeps what it worked out (a site's configuration, a prepared form) together with the
stamp it was read under, and reuses it while :meth:`SharedStamp.read` still gives that stamp.
:meth:`SharedStamp.renew` sets a new one now and again when the current transaction commits, so
a request that read the old rows while the change was in flight cannot keep them under the new
stamp. When the cache cannot be used, ``read()`` gives ``None``: keep nothing, read afresh.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import transaction


class SharedStamp:
    def __init__(self, key: str, logger: logging.Logger, what: str, read_failure=logging.WARNING):
        self.key, self.logger, self.what, self.read_failure = key, logger, what, read_failure

    def read(self) -> str | None:
        """The current stamp, created when missing; ``None`` when the cache cannot be used."""
        try:
            stamp = cache.get(self.key)
            if stamp is None:
                cache.add(self.key, uuid.uuid4().hex, timeout=None)
                stamp = cache.get(self.key)
        except Exception:  # noqa: BLE001 - any backend failure: read the database instead
            self.logger.log(self.read_failure, "Cache unavailable; reading %s", self.what)
            return None
        return stamp if isinstance(stamp, str) else None

    def renew(self, *args, **kwargs) -> None:
        """A new stamp, now and on commit (usable as a signal receiver)."""

        def set_new():
            try:
                cache.set(self.key, uuid.uuid4().hex, timeout=None)
            except Exception:  # noqa: BLE001 - processes keep the old values until they expire
                self.logger.warning("Cache unavailable; could not mark %s changed", self.what)

        set_new()
        transaction.on_commit(set_new, robust=True)
