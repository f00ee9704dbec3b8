"""Exports of exactly the bodies a filter selects: /bodies.csv, /bodies.json, /bodies.geojson."""

from __future__ import annotations

from flask import Blueprint, abort, request
from marshmallow import ValidationError

from registry.bodies.schemas import BodyListSchema
from registry.bodies.services import filtered_bodies, ordered
from registry.exports.fields import body_fields, body_rows
from registry.exports.responses import download

bp = Blueprint("exports", __name__)


@bp.get("/bodies.<any(csv, json, geojson):fmt>")
def bodies(fmt: str):
    """All pages of the current /bodies filter, in its order."""
    try:
        filters = BodyListSchema().load(request.args.to_dict())
    except ValidationError as error:
        abort(400, description="; ".join(f"{field}: {' '.join(messages)}"
                                         for field, messages in error.messages.items()))
    query = body_rows(ordered(filtered_bodies(filters), filters["sort"]))
    shown = {k: v for k, v in filters.items() if k not in ("page", "per_page")}
    return download("bodies", fmt, body_fields(), query, shown)
