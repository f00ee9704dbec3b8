"""A small per-process cache for the gap page's figures.

Grouped queries over every body take a few hundred milliseconds at 100,000 bodies; the figures
change only when records are published, so each filter combination is computed at most once
per GAP_CACHE_SECONDS (default 60; 0 turns caching off, and tests run without it)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app

T = TypeVar("T")
MAX_ENTRIES = 256  # filter combinations kept; the least recently used go first
_entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
_lock = threading.Lock()


def ttl_seconds() -> float:
    seconds = current_app.config.get("GAP_CACHE_SECONDS")
    if seconds is None:
        return 0 if current_app.testing else 60
    return float(seconds)


def cached(key: Hashable, compute: Callable[[], T]) -> T:
    """The value for `key` if computed less than the TTL ago, else compute() (and keep it)."""
    ttl = ttl_seconds()
    if ttl <= 0:
        return compute()
    now = time.monotonic()
    with _lock:
        hit = _entries.get(key)
        if hit and now - hit[0] < ttl:
            _entries.move_to_end(key)
            return hit[1]
    value = compute()  # outside the lock: a slow query must not hold up other requests
    with _lock:
        _entries[key] = (now, value)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def key_for(kind: str, filters: dict[str, Any] | None = None) -> Hashable:
    """A cache key: which figures, for which filters, on which database, as of which day."""
    from registry.followthrough.status import today

    frozen = tuple(sorted((k, v) for k, v in (filters or {}).items() if v is not None))
    return current_app.config["SQLALCHEMY_DATABASE_URI"], today(), kind, frozen


def clear() -> None:
    with _lock:
        _entries.clear()
