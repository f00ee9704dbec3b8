"""Writers that stream rows of a query as CSV, JSON or GeoJSON, a batch at a time, so a
100,000-row download never holds 100,000 objects in memory."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select

from registry.database import db
from registry.exports.fields import Field

BATCH = 1000


def _rows(query: Select) -> Iterator[Any]:
    result = db.session.execute(query.execution_options(yield_per=BATCH))
    for partition in result.partitions():
        yield from partition


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


# A cell a spreadsheet would run as a formula starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A text cell a spreadsheet shows as text: a leading apostrophe before a formula character.

    Reversible (see restore_cell): a value that already starts with an apostrophe followed by one
    of those characters, or by another apostrophe, gets one more."""
    if value[:1] in FORMULA_STARTS or (value[:1] == "'" and value[1:2] in (*FORMULA_STARTS, "'")):
        return "'" + value
    return value


def restore_cell(value: str) -> str:
    """The value spreadsheet_safe() was given: imports of the registry's own files undo it."""
    if value[:1] == "'" and value[1:2] in (*FORMULA_STARTS, "'"):
        return value[1:]
    return value


def csv_stream(fields: list[Field], query: Select) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; a cell holding \r is quoted
    writer.writerow([f.name for f in fields])
    texts = [f.type == "string" for f in fields]
    for count, row in enumerate(_rows(query), start=1):
        writer.writerow(["" if v is None else spreadsheet_safe(_csv_value(v)) if text
                         else _csv_value(v) for v, text in zip(map(_plain, row), texts, strict=True)])
        if count % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return value


def json_stream(fields: list[Field], query: Select, meta: dict[str, Any]) -> Iterator[str]:
    """{"meta": {...}, "items": [ {...}, ... ]} written item by item."""
    names = [f.name for f in fields]
    yield '{"meta": ' + json.dumps(meta, default=_plain) + ', "items": ['
    separator = ""
    for row in _rows(query):
        yield separator + json.dumps(dict(zip(names, map(_plain, row), strict=True)))
        separator = ",\n"
    yield "]}\n"


def geojson_stream(fields: list[Field], query: Select, meta: dict[str, Any]) -> Iterator[str]:
    """A FeatureCollection of points (geometry null when a body has no coordinates)."""
    names = [f.name for f in fields]
    yield '{"type": "FeatureCollection", "meta": ' + json.dumps(meta, default=_plain) + ', "features": ['
    separator = ""
    for row in _rows(query):
        properties = dict(zip(names, map(_plain, row), strict=True))
        lat, lon = properties.get("latitude"), properties.get("longitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None \
            else None
        feature = {"type": "Feature", "id": properties.get("id"), "geometry": geometry,
                   "properties": properties}
        yield separator + json.dumps(feature)
        separator = ",\n"
    yield "]}\n"
