"""A Redis cache client that stops trying for a while after a failure (a circuit breaker).

Redis that refuses connections fails fast on its own; Redis that accepts and never answers makes
every cache call wait for its socket timeout. With small timeouts (``REDIS_CONNECT_TIMEOUT``,
``REDIS_SOCKET_TIMEOUT``) one call pays that price, trips the breaker, and for
``REDIS_BREAKER_SECONDS`` every call in the process fails at once, without a connection attempt,
which django-redis's ``IGNORE_EXCEPTIONS`` turns into a cache miss. After the window one call
tries again: success closes the breaker, failure opens it for another window.

Used as ``OPTIONS["CLIENT_CLASS"]`` of ``django_redis.cache.RedisCache`` (``cms/settings/base.py``).
"""

import functools
import logging
import threading
import time

from django_redis.client import DefaultClient
from django_redis.client.default import _main_exceptions, glob_escape
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger("cms.ops")

# Client methods that talk to Redis; each passes through the breaker.
GUARDED_METHODS = (
    "set", "add", "get", "get_many", "set_many", "delete", "delete_many", "delete_pattern",
    "incr", "decr", "incr_version", "has_key", "ttl", "pttl", "expire", "pexpire", "expire_at",
    "pexpire_at", "persist", "touch", "keys", "iter_keys", "lock", "clear",
)  # fmt: skip


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    """Shared by every thread of the process for one Redis location."""

    clock = staticmethod(time.monotonic)

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.open_until = 0.0
        self.lock = threading.Lock()

    def allow(self) -> bool:
        with self.lock:
            now = self.clock()
            if now < self.open_until:
                return False
            if self.open_until:
                # Half-open: this caller tries; the others keep failing fast until it reports.
                self.open_until = now + self.seconds
            return True

    def record_success(self):
        with self.lock:
            self.open_until = 0.0

    def record_failure(self, error):
        with self.lock:
            self.open_until = self.clock() + self.seconds
        logger.warning("Redis unavailable (%s): cache bypassed for %ss", error, self.seconds)


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str, seconds: float) -> CircuitBreaker:
    with _breakers_lock:
        return _breakers.setdefault(location, CircuitBreaker(seconds))


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if not self.breaker.allow():
            raise ConnectionInterrupted(connection=None) from CircuitOpen(
                f"circuit open after a Redis failure; retrying in {self.breaker.seconds}s"
            )
        try:
            result = method(self, *args, **kwargs)
        except (ConnectionInterrupted, *_main_exceptions) as error:
            self.breaker.record_failure(error)
            raise
        self.breaker.record_success()
        return result

    return call


class CircuitBreakerClient(DefaultClient):
    """``DefaultClient`` behind a per-process circuit breaker (``BREAKER_SECONDS`` option)."""

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        seconds = float(params.get("OPTIONS", {}).get("BREAKER_SECONDS", 5))
        self.breaker = breaker_for(str(server), seconds)

    def clear(self, client=None):
        """Delete this cache's keys only (its KEY_PREFIX), never the whole shared database."""
        client = client or self.get_client(write=True)
        pattern = f"{glob_escape(self._backend.key_prefix)}:*"
        try:
            for keys in _batched(client.scan_iter(match=pattern, count=1000), 1000):
                client.delete(*keys)
        except _main_exceptions as e:
            raise ConnectionInterrupted(connection=client) from e


for _name in GUARDED_METHODS:
    setattr(CircuitBreakerClient, _name, _guarded(getattr(CircuitBreakerClient, _name)))


def _batched(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
