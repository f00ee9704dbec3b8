"""GET /api/v1/bodies and /api/v1/bodies/<id-or-slug>."""

from __future__ import annotations

from flask_smorest import Blueprint, abort
from marshmallow import fields

from registry.api.pagination import link_header, page_envelope, page_payload
from registry.bodies import services
from registry.bodies.schemas import BodyListSchema, BodySchema
from registry.followthrough.status import status_of
from registry.records.schemas import ActionSchema, ResolutionSchema, SourceSchema

blp = Blueprint("api_bodies", __name__, url_prefix="/bodies",
                description="Union bodies with their follow-through status.")


class BodyDetailSchema(BodySchema):
    tier_reason = fields.Method("reason", metadata={
        "example": "Tier 3 — Mobilizing: rally or march on 2019-05-01, 400 members"})
    resolutions = fields.List(fields.Nested(ResolutionSchema))
    actions = fields.List(fields.Nested(ActionSchema))
    sources = fields.List(fields.Nested(SourceSchema))

    def reason(self, body) -> str:
        return status_of(body).reason()


@blp.get("")
@blp.arguments(BodyListSchema, location="query")
@blp.response(200, page_envelope(BodySchema()))
def list_bodies(filters):
    """List union bodies, filtered like the /bodies page."""
    page = services.list_bodies(filters)
    return page_payload(page), 200, link_header(page)


@blp.get("/<string:key>")
@blp.response(200, BodyDetailSchema)
@blp.alt_response(404, description="No body has that id or slug.")
def get_body(key: str):
    """One union body by numeric id or slug, with its resolutions, actions and sources."""
    profile = services.get_profile(key) if not key.isdigit() else services.get_profile_by_id(int(key))
    if profile is None:
        abort(404, message="No union body has that id or slug.")
    return profile.body
