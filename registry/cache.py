"""A small in-process cache for figures computed over the whole registry (facet counts, gap
aggregates, table sizes), keyed by the registry's data version.

The version is read in one indexed statement: the highest ids of the published tables, of the
revision log and of the district data loads. Every change to published records goes through the
record services, which add a row or write a Revision, and every district data load that changes
something adds a row, so any change moves the version and old entries are never served.
Each worker process keeps its own entries; the version keeps them all correct.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from flask import current_app, has_request_context, request
from sqlalchemy import Select, func, select

from registry.database import db

MAX_ENTRIES = 1024
_entries: OrderedDict[tuple, Any] = OrderedDict()
_lock = threading.Lock()
T = TypeVar("T")


def data_version() -> tuple:
    """(database, today, max ids of bodies, resolutions, actions, sources and revisions, the
    last change of the watches, max id of district data loads)."""
    return data_state()[0]


def last_change() -> datetime | None:
    """When the published registry last changed (the latest of records.listings.change_moments
    and of the watches' changes, never before today), read in the same statement as the data
    version."""
    return data_state()[1]


def data_state() -> tuple[tuple, datetime | None]:
    """The data version and the last change, in one statement of indexed maxima."""
    # Kept on the request (not on g, which a test's app context may share across requests).
    if has_request_context() and "registry.data_state" in request.environ:
        return request.environ["registry.data_state"]
    from registry.followthrough.status import today
    from registry.records.listings import last_moment

    # Core execution of a statement built once: this runs on every public request.
    row = db.session.connection().execute(_state_statement()).one()
    day = today()
    state = ((str(db.engine.url), day.isoformat(), *row[:VERSION_COLUMNS]),
             last_moment((*row[VERSION_COLUMNS:], *row[WATCH_COLUMNS]), day))
    if has_request_context():
        request.environ["registry.data_state"] = state
    return state


VERSION_COLUMNS = 8
# Within the version: the last confirmation and unsubscription of a watch (body pages show how
# many people follow a body, so a cached page must not outlive a change of that count).
WATCH_COLUMNS = slice(5, 7)


@functools.cache
def _state_statement() -> Select:
    """max(id) of bodies, resolutions, actions, sources and revisions, the last change of the
    watches, max(id) of district data loads (last: see district_versioned), then the change
    moments of records.listings."""
    from registry.models import Action, Body, DistrictDataLoad, Resolution, Revision, Source, Watch
    from registry.records.listings import change_moments

    records = (Body, Resolution, Action, Source, Revision)
    return select(*(select(func.max(model.id)).scalar_subquery() for model in records),
                  select(func.max(Watch.confirmed_at)).scalar_subquery(),
                  select(func.max(Watch.unsubscribed_at)).scalar_subquery(),
                  select(func.max(DistrictDataLoad.id)).scalar_subquery(),
                  *change_moments())


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items() if v is not None))
    if isinstance(value, list | tuple | set):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def versioned(function: Callable[..., T]) -> Callable[..., T]:
    """Cache a function's result per (arguments, data version). Results must be immutable."""
    return _cached(function, lambda version: version)


def district_versioned(function: Callable[..., T]) -> Callable[..., T]:
    """Cache a result that depends only on the district data and the day (representatives,
    cosponsors, seats): kept while records are published, dropped when districts are reloaded."""
    return _cached(function, lambda version: (version[0], version[1], version[-1]))


def versioned_each(function: Callable[..., dict]) -> Callable[..., dict]:
    """Cache, per key and data version, a function that computes many keys in one go.

    Called as `function(keys, *args)`, it returns {key: value} for those it finds; the wrapper
    asks it only for the keys not cached, and returns {key: value} for every key asked (None
    for a key it left out). Searches that share some keys (the states a circle touches) share
    their entries, where a cache of the whole tuple of keys would keep one entry per tuple."""

    @functools.wraps(function)
    def wrapper(keys: tuple, *args: Any, **kwargs: Any) -> dict:
        if not current_app.config.get("FIGURE_CACHE", True):
            found = function(tuple(keys), *args, **kwargs)
            return {key: found.get(key) for key in keys}
        base = (function.__module__, function.__qualname__, _freeze(args), _freeze(kwargs), data_version())
        found, missing = {}, []
        for key in keys:
            hit, value = _lookup((*base, key))
            if hit:
                found[key] = value
            else:
                missing.append(key)
        if missing:
            computed = function(tuple(missing), *args, **kwargs)
            for key in missing:
                found[key] = _store((*base, key), computed.get(key))
        return found

    return wrapper


def _cached(function: Callable[..., T], part: Callable[[tuple], tuple]) -> Callable[..., T]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        if not current_app.config.get("FIGURE_CACHE", True):
            return function(*args, **kwargs)
        key = (function.__module__, function.__qualname__, _freeze(args), _freeze(kwargs),
               part(data_version()))
        hit, value = _lookup(key)
        return value if hit else _store(key, function(*args, **kwargs))

    return wrapper


def _lookup(key: tuple) -> tuple[bool, Any]:
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return True, _entries[key]
    return False, None


def _store(key: tuple, value: T) -> T:
    with _lock:
        _entries[key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _entries.clear()
