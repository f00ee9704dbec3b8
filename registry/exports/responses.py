"""HTTP responses for streamed downloads."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, stream_with_context
from sqlalchemy import Select, func, select

from registry.database import db, utcnow
from registry.exports.fields import Field
from registry.exports.streams import csv_stream, geojson_stream, json_stream

MEDIA_TYPES = {
    "csv": "text/csv",  # Flask adds "; charset=utf-8" to text types
    "json": "application/json",
    "geojson": "application/geo+json",
}
LICENCE = {"name": "ODC-By-1.0", "title": "Open Data Commons Attribution License v1.0",
           "path": "https://opendatacommons.org/licenses/by/1-0/"}


def row_count(query: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def download(name: str, fmt: str, fields: list[Field], query: Select,
             filters: dict[str, Any] | None = None) -> Response:
    """Stream `query` as an attachment named registry-<name>-<date>.<fmt>."""
    generated = utcnow()
    meta = {
        "title": f"Resolution Registry: {name}",
        "generated_at": generated,
        "filters": {k: v for k, v in (filters or {}).items() if v is not None},
        "total": row_count(query),
        "source": current_app.config["SITE_URL"],
        "licence": LICENCE,
    }
    if fmt == "csv":
        body = csv_stream(fields, query)
    elif fmt == "json":
        body = json_stream(fields, query, meta)
    else:
        body = geojson_stream(fields, query, meta)
    response = Response(stream_with_context(body), mimetype=MEDIA_TYPES[fmt])
    filename = f"registry-{name}-{generated:%Y-%m-%d}.{fmt}"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Total-Count"] = str(meta["total"])
    return response
