"""A shared "this changed" stamp: created on first read, renewed now and on commit."""

import logging

from django.core.cache import cache

from cms.edge.stamps import SharedStamp

STAMP = SharedStamp("test:stamp", logging.getLogger("tests"), "test values")


def test_read_creates_a_stamp_and_keeps_it():
    first = STAMP.read()
    assert first and STAMP.read() == first


def test_renew_sets_another_now_and_on_commit(django_capture_on_commit_callbacks, db):
    first = STAMP.read()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        STAMP.renew()
        now = STAMP.read()
    assert now != first
    assert len(callbacks) == 1 and STAMP.read() not in (first, now)


def test_without_the_cache_there_is_no_stamp(monkeypatch, db):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", unreachable)
    assert STAMP.read() is None
    STAMP.renew()  # logged, not raised
