"""Values worked out once per request.

A request handler opens :func:`request_scope`; inside it, :func:`remembered` computes a value on
first use and hands the same value back for the rest of the scope, and :func:`scope_store` gives
a dict that lives as long as the scope (objects loaded in bulk, for instance). Outside a scope
(a management command, a shell, a test calling a function directly) nothing is kept: every call
computes afresh, so code using them behaves the same with or without a scope, only slower.

Keep only what cannot change while one request is answered, and nothing that belongs to one
reader in a value shared beyond the request: the scope ends with the request.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_values: ContextVar[dict | None] = ContextVar("cms_request_scope", default=None)


@contextlib.contextmanager
def request_scope():
    """Keep remembered values until the block ends (a scope opened inside another is the same
    scope)."""
    if _values.get() is not None:
        yield
        return
    token = _values.set({})
    try:
        yield
    finally:
        _values.reset(token)


def in_request_scope() -> bool:
    return _values.get() is not None


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per scope for ``key``."""
    values = _values.get()
    if values is None:
        return compute()
    try:
        return values[key]
    except KeyError:
        values[key] = value = compute()
        return value


def scope_store(key: str) -> dict[Any, Any] | None:
    """A dict kept for the rest of the scope under ``key``, or ``None`` outside a scope."""
    values = _values.get()
    if values is None:
        return None
    return values.setdefault(key, {})
