"""GET /api/v1/bodies and /api/v1/bodies/<id-or-slug>."""

from __future__ import annotations

import re

from flask_smorest import Blueprint, abort
from marshmallow import fields

from registry.api import examples
from registry.api.arguments import exact
from registry.api.pagination import LINK_HEADER, link_header, page_envelope, page_payload
from registry.api.spec import ApiErrorSchema, error_example
from registry.bodies import services
from registry.bodies.schemas import BodyListSchema, BodySchema
from registry.fields import PRINTABLE
from registry.followthrough.status import status_of
from registry.records.schemas import ActionSchema, CheckSchema, ResolutionSchema, SourceSchema
from registry.vocab import parse_record_id

blp = Blueprint("api_bodies", __name__, url_prefix="/bodies",
                description="Union bodies with their follow-through status.")

NOT_FOUND = "No union body has that id or slug."


class BodyDetailSchema(BodySchema):
    """A body with its published resolutions, actions and sources."""

    tier_reason = fields.Method("reason", metadata={
        "description": "Why the body sits at its tier, in words.",
        "example": "Tier 3 — Mobilizing: rally or march on 1 May 2019, 400 members"})
    resolutions = fields.List(fields.Nested(ResolutionSchema), metadata={
        "description": "Its published resolutions."})
    actions = fields.List(fields.Nested(ActionSchema), metadata={
        "description": "Its published follow-through actions."})
    sources = fields.List(fields.Nested(SourceSchema), metadata={
        "description": "Sources about the body itself."})
    checks = fields.List(fields.Nested(CheckSchema), metadata={
        "description": "Its published follow-through checks, newest first."})

    def reason(self, body) -> str:
        return status_of(body).reason()


def as_id(key: str) -> int | None:
    """The numeric id a key names, or None for a slug (or a number no row can have: ids are
    32-bit on PostgreSQL, and a larger number must not reach the database)."""
    return parse_record_id(key) if key.isascii() else None


@blp.get("")
@blp.arguments(exact(BodyListSchema), location="query")
@blp.response(200, page_envelope(BodySchema()), headers=LINK_HEADER,
              example=examples.page(examples.BODY))
def list_bodies(filters):
    """List union bodies

    The same filters as the /bodies page, with the same meaning. Sorted by name unless `sort`
    says otherwise."""
    page = services.list_bodies(filters, with_districts=True)
    return page_payload(page), 200, link_header(page)


@blp.get("/<string:key>")
@blp.doc(parameters=[{"in": "path", "name": "key", "required": True,
                      "schema": {"type": "string", "pattern": PRINTABLE},
                      "description": "Numeric id or slug of the body.", "example": "afge-local-2157"}])
@blp.response(200, BodyDetailSchema, example=examples.BODY_DETAIL)
@blp.alt_response(404, schema=ApiErrorSchema, description="No body has that id or slug.",
                  example=error_example(404, "Not Found", NOT_FOUND))
def get_body(key: str):
    """One union body

    By numeric id or slug, with its resolutions, actions and sources."""
    if not re.fullmatch(PRINTABLE, key):
        abort(404, message=NOT_FOUND)
    body_id = as_id(key)
    profile = services.get_profile(key) if body_id is None else services.get_profile_by_id(body_id)
    if profile is None:
        abort(404, message=NOT_FOUND)
    return profile.body
