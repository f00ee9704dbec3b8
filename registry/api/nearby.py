"""GET /api/v1/nearby: union bodies near a ZIP code or a city, the organizer finder as data."""

from __future__ import annotations

from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields
from marshmallow.validate import Length, OneOf, Range

from registry.api import examples
from registry.api.spec import ApiErrorSchema, error_example
from registry.bodies.schemas import BodySchema
from registry.districts.congress import CURRENT_BILL
from registry.fields import printable
from registry.organize import services
from registry.vocab import LENGTHS, LEVELS, PROSPECTS

blp = Blueprint("api_nearby", __name__, url_prefix="/nearby",
                description="Union bodies near a place, for organizers.")


class NearbyArgsSchema(Schema):
    near = fields.String(required=True, validate=[printable, Length(1, 100)], metadata={
        "description": "A ZIP code or a city and state.", "example": "Columbus, OH"})
    radius_mi = fields.Float(
        load_default=services.DEFAULT_RADIUS_MI,
        validate=Range(services.RADIUS_MIN_MI, services.RADIUS_MAX_MI), metadata={
            "description": f"Radius in miles ({services.RADIUS_MIN_MI}–{services.RADIUS_MAX_MI}).",
            "example": 30})
    prospect = fields.List(fields.String(validate=OneOf(PROSPECTS)), load_default=list, metadata={
        "description": "Who to find (any of): " + "; ".join(f"{k}: {v}" for k, v in PROSPECTS.items()),
        "example": ["never_acted"]})
    level = fields.String(load_default=None, validate=OneOf(LEVELS),
                          metadata={"description": "Level of the body.", "example": "local"})
    affiliation = fields.String(load_default=None,
                                validate=[printable, Length(max=LENGTHS["affiliation"])],
                                metadata={"description": "National union or federation.", "example": "AFT"})
    cosponsor = fields.Boolean(load_default=None, metadata={
        "description": f"false: only bodies in (or possibly in) a congressional district whose "
                       f"representative has not cosponsored {CURRENT_BILL}; true: whose "
                       "representative has.", "example": False})


class PlaceSchema(Schema):
    """The place `near` named."""

    label = fields.String(metadata={"description": "The place found.", "example": "Columbus, OH"})
    latitude = fields.Float(metadata={"description": "Latitude.", "example": 39.96})
    longitude = fields.Float(metadata={"description": "Longitude.", "example": -83.0})
    precision = fields.String(metadata={"description": "zip, city or exact.", "example": "city"})
    state = fields.String(allow_none=True, metadata={"description": "Its state.", "example": "OH"})


class AskSchema(Schema):
    """The body to ask: its parent, or the council or federation over it."""

    body = fields.Function(lambda ask: ask.body.slug, metadata={
        "description": "Slug of the body to ask.", "example": "columbus-clc", "type": "string"})
    name = fields.Function(lambda ask: ask.body.name, metadata={
        "description": "Its name.", "example": "Columbus CLC", "type": "string"})
    explanation = fields.String(metadata={"description": "Why that one.", "example": "its parent body"})


class NearbyItemSchema(Schema):
    """A body near the place, with why it matters and whom to ask."""

    body = fields.Nested(BodySchema, metadata={"description": "The body."})
    distance_mi = fields.Float(allow_none=True, metadata={
        "description": "Miles from the place; null for bodies placed only at state precision.",
        "example": 3.2})
    reason = fields.String(metadata={"description": "Why it is worth a call.",
                                     "example": "Endorsed in 2019, tier 0, paper only"})
    dormant = fields.Boolean(metadata={"description": "No counted activity in 12 months.",
                                       "example": False})
    ask = fields.Nested(AskSchema, allow_none=True,
                        metadata={"description": "Whom to ask up the hierarchy."})


class StateGroupSchema(Schema):
    """Bodies placed only somewhere in a state the circle touches, listed apart."""

    state = fields.String(metadata={"description": "State code.", "example": "OH"})
    name = fields.String(metadata={"description": "State name.", "example": "Ohio"})
    total = fields.Integer(metadata={"description": "How many such bodies.", "example": 4})
    items = fields.List(fields.Nested(NearbyItemSchema), metadata={"description": "The first few."})


class NearbySchema(Schema):
    """Bodies within the radius, nearest first."""

    place = fields.Nested(PlaceSchema, metadata={"description": "The place searched around."})
    radius_mi = fields.Float(metadata={"description": "The radius used.", "example": 30})
    total = fields.Integer(metadata={"description": "Bodies within the radius.", "example": 12})
    truncated = fields.Boolean(metadata={"description": "true: more matched than are listed.",
                                         "example": False})
    items = fields.List(fields.Nested(NearbyItemSchema), metadata={"description": "Nearest first."})
    state_groups = fields.List(fields.Nested(StateGroupSchema), metadata={
        "description": "Bodies known only by state, per state the circle touches."})


@blp.get("")
@blp.arguments(NearbyArgsSchema, location="query")
@blp.response(200, NearbySchema, example=examples.NEARBY)
@blp.alt_response(404, schema=ApiErrorSchema, description="No place matches `near`.",
                  example=error_example(404, "Not Found", "No place matches “Springfeld”.",
                                        {"query": {"near": ["Did you mean Springfield, IL?"]}}))
def nearby(args):
    """Bodies near a place

    Union bodies within `radius_mi` of a ZIP code or a city, nearest first, with why each is
    worth a call and whom to ask up the hierarchy; the organizer finder's rules."""
    found = services.resolve_near(args["near"])
    if found.place is None:
        abort(404, message=found.problem or "No place matches that ZIP code or city.",
              errors={"query": {"near": [s.label for s in found.suggestions] or [found.problem]}})
    filters = {"prospects": args["prospect"], "level": args["level"], "affiliation": args["affiliation"],
               "cosponsor": args["cosponsor"]}
    return services.nearby(found.place, args["radius_mi"], filters)
