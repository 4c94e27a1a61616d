"""Health endpoints for load balancers and orchestrators.

``/healthz`` answers that the process is up and touches neither the database nor the cache.
``/readyz`` answers 200 when the database is reachable and every migration is applied, else 503
naming the failing part; a cache failure is reported but still answers 200, since the site works,
uncached, without Redis. Both are served by ``HealthCheckMiddleware`` at the top of the stack, so
neither a probe's Host header (ALLOWED_HOSTS), plain http (SECURE_SSL_REDIRECT) nor a session
stands in the way.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse

logger = logging.getLogger("cms.ops")

_migrations_applied = False  # once true it stays true for the life of the process


def healthz(request):
    return no_store(JsonResponse({"status": "ok"}))


def readyz(request):
    checks = {"database": check_database(), "cache": check_cache()}
    if checks["database"] == "ok":
        checks["migrations"] = check_migrations()
    ready = checks["database"] == "ok" and checks.get("migrations") == "ok"
    failing = [name for name, result in checks.items() if result != "ok"]
    body = {"status": "ok" if ready else "unavailable", "checks": checks, "failing": failing}
    return no_store(JsonResponse(body, status=200 if ready else 503))


def check_database() -> str:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        logger.warning("readyz: database unreachable: %s", exc)
        return f"unreachable ({type(exc).__name__})"
    return "ok"


def check_migrations() -> str:
    global _migrations_applied
    if _migrations_applied:
        return "ok"
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        logger.warning("readyz: migration state unknown: %s", exc)
        return f"unknown ({type(exc).__name__})"
    if plan:
        return f"{len(plan)} unapplied (run `manage.py migrate`)"
    _migrations_applied = True
    return "ok"


def check_cache() -> str:
    # django-redis ignores Redis errors (IGNORE_EXCEPTIONS), so a failure shows as a lost write.
    key, value = "ops:readyz", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        if cache.get(key) != value:
            return "unavailable"
    except Exception as exc:
        logger.warning("readyz: cache unavailable: %s", exc)
        return f"unavailable ({type(exc).__name__})"
    return "ok"


def no_store(response):
    response["Cache-Control"] = "no-store"
    return response
