"""A hung Redis (accepts connections, never answers) costs one short wait per breaker window."""

import socket
import threading

import pytest
import redis
from django_redis.cache import RedisCache

from cms.ops.cache import CircuitBreaker, _breakers


class HungServer:
    """Accepts TCP connections and never answers; counts the connections."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self):
        for connection in self.accepted:
            connection.close()
        self.listener.close()


def redis_cache(url, prefix="i12-breaker", breaker_seconds=5.0):
    options = {
        "CLIENT_CLASS": "cms.ops.cache.CircuitBreakerClient",
        "SOCKET_CONNECT_TIMEOUT": 0.2,
        "SOCKET_TIMEOUT": 0.2,
        "BREAKER_SECONDS": breaker_seconds,
        "IGNORE_EXCEPTIONS": True,
    }
    return RedisCache(url, {"OPTIONS": options, "KEY_PREFIX": prefix})


@pytest.fixture
def hung_redis():
    server = HungServer()
    yield server
    server.close()
    _breakers.clear()


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_at_most_one_connection_attempt_per_breaker_window(hung_redis, monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(CircuitBreaker, "clock", staticmethod(clock))
    cache = redis_cache(f"redis://127.0.0.1:{hung_redis.port}/12")

    results = [cache.get("page", default="miss") for _ in range(20)]
    cache.set("page", "html")
    cache.incr("rate", ignore_key_check=True)
    assert results == ["miss"] * 20
    assert len(hung_redis.accepted) == 1

    clock.now += 4.9  # still inside the window
    cache.get("page")
    assert len(hung_redis.accepted) == 1

    clock.now += 0.2  # the window has passed: one caller tries again, and fails
    assert [cache.get("page") for _ in range(10)] == [None] * 10
    assert len(hung_redis.accepted) == 2


def test_threads_share_the_breaker(hung_redis):
    url = f"redis://127.0.0.1:{hung_redis.port}/12"
    redis_cache(url).get("warm-up")  # trips the breaker for the whole process

    def read():
        redis_cache(url).get("page")  # a thread's own cache object, as Django gives each thread

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(hung_redis.accepted) == 1


def real_redis_or_skip():
    try:
        redis.Redis(host="127.0.0.1", port=6379, db=12, socket_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")


def test_a_working_redis_closes_the_breaker_and_clear_keeps_other_prefixes():
    real_redis_or_skip()
    url = "redis://127.0.0.1:6379/12"
    mine, neighbour = redis_cache(url, prefix="i12-mine"), redis_cache(url, prefix="i12-other")
    mine.set("key", "value")
    neighbour.set("key", "kept")

    mine.clear()

    assert mine.get("key") is None
    assert neighbour.get("key") == "kept"
    neighbour.clear()
    _breakers.clear()
