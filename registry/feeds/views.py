"""/feeds/published.atom: newly published records, optionally filtered (?state=OH)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from marshmallow import ValidationError

from registry.bodies.schemas import BodyFilterSchema
from registry.database import utcnow
from registry.feeds.services import latest_entries

bp = Blueprint("feeds", __name__, url_prefix="/feeds")


@bp.get("/published.atom")
def published():
    try:
        filters = BodyFilterSchema().load(request.args.to_dict())
    except ValidationError as error:
        abort(400, description="; ".join(f"{k}: {' '.join(v)}" for k, v in error.messages.items()))
    entries = latest_entries(filters)
    updated = max((e.published for e in entries), default=utcnow())
    xml = render_template("feeds/published.xml", entries=entries, updated=updated,
                          filters={k: v for k, v in filters.items() if v is not None})
    return xml, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}
