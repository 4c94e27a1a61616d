"""/healthz says the process is up without touching anything; /readyz checks what serving needs."""

import pytest
from django.db import OperationalError
from django.db.migrations.executor import MigrationExecutor

from cms.ops import health


@pytest.fixture(autouse=True)
def _forget_applied_migrations(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)


def test_healthz_touches_neither_database_nor_cache(
    client, db, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(health, "cache", None)  # any cache access would raise
    with django_assert_num_queries(0):
        response = client.get("/healthz", headers={"host": "10.0.0.7"})  # a probe's own Host
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {"status": "ok"}


def test_readyz_ok(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "migrations": "ok"}


def test_readyz_checks_migrations_once_per_process(client, db, django_assert_max_num_queries):
    client.get("/readyz")
    with django_assert_max_num_queries(1):
        assert client.get("/readyz").status_code == 200


def test_readyz_names_an_unreachable_database(client, db, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connections", {"default": Unreachable()})
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]
    assert response.json()["checks"]["database"].startswith("unreachable")


def test_readyz_names_unapplied_migrations(client, db, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["migrations"]
    assert "1 unapplied" in response.json()["checks"]["migrations"]


class LostWrites:
    def set(self, *args, **kwargs):
        pass

    def get(self, *args, **kwargs):
        return None


def test_readyz_reports_the_cache_but_stays_ready(client, db, monkeypatch):
    monkeypatch.setattr(health, "cache", LostWrites())
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == "unavailable"
    assert response.json()["failing"] == ["cache"]
