"""GET /api/v1/geo/states and /api/v1/geo/bodies: GeoJSON for the map, filtered like every listing."""

from __future__ import annotations

import json
import re

from flask import Response
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields
from marshmallow.validate import OneOf, Range

from registry.api import examples
from registry.api.arguments import exact
from registry.bodies.schemas import BodyFilterSchema
from registry.mapview import services
from registry.mapview.grid import WORLD, BBox

blp = Blueprint("api_geo", __name__, url_prefix="/geo",
                description="GeoJSON (RFC 7946, WGS 84 longitude/latitude) for maps.")

# Four decimal numbers; empty means "not given", like every other filter argument. ASCII digits:
# Python's \d (and float()) would take other scripts' digits, which the document's pattern does not.
BBOX_PATTERN = r"^(-?[0-9]+(\.[0-9]+)?(,-?[0-9]+(\.[0-9]+)?){3})?$"


class BBoxField(fields.String):
    """`west,south,east,north` in degrees, parsed to a BBox."""

    def _deserialize(self, value, attr, data, **kwargs) -> BBox:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not text:
            return None  # empty means not given: the whole world
        if not re.fullmatch(BBOX_PATTERN, text):
            raise ValidationError("Give four numbers: west,south,east,north.")
        west, south, east, north = (float(part) for part in text.split(","))
        if not (-180 <= west < east <= 180):
            raise ValidationError("Longitudes must run west < east, within -180 to 180.")
        if not (-90 <= south < north <= 90):
            raise ValidationError("Latitudes must run south < north, within -90 to 90.")
        return BBox(west, south, east, north)


class StatesArgsSchema(BodyFilterSchema):
    shapes = fields.Boolean(load_default=True, metadata={
        "description": "false: leave out the outlines (`geometry` is null) and send only the figures.",
        "example": False})


class BodiesArgsSchema(BodyFilterSchema):
    bbox = BBoxField(load_default=None, metadata={
        "description": "The view: `west,south,east,north` in degrees, west < east and south < north "
                       "(default: the whole world).",
        "example": "-125,24,-66,50", "pattern": BBOX_PATTERN})
    zoom = fields.Integer(load_default=4, validate=Range(0, 22), metadata={
        "description": "The map's zoom level (Web Mercator tiles); sets the cluster grid.", "example": 6})


class GapPropertiesSchema(Schema):
    """The gap figures of one state."""

    code = fields.String(metadata={"description": "Two-letter state code.", "example": "OH"})
    name = fields.String(metadata={"description": "Name of the state.", "example": "Ohio"})
    endorsing = fields.Integer(metadata={"description": "Union bodies with a supporting resolution."})
    checked = fields.Integer(metadata={"description": "Endorsing bodies with a check or an action."})
    unchecked = fields.Integer(metadata={"description": "Endorsing bodies not yet checked."})
    paper_only = fields.Integer(metadata={"description": "Checked endorsing bodies at tier 0."})
    mobilized = fields.Integer(metadata={"description": "Endorsing bodies at tier 3 or 4."})
    not_mobilized = fields.Integer(metadata={"description": "Endorsing bodies below tier 3."})
    gap = fields.Float(allow_none=True, metadata={
        "description": "1 − mobilized / endorsing; null when no body endorsed."})
    gap_among_checked = fields.Float(allow_none=True, metadata={
        "description": "1 − mobilized / checked; null when none is checked."})
    gap_class = fields.Integer(allow_none=True, metadata={
        "description": "The map's colour class of the gap (0 lowest … 4 for 100%); null when no "
                       "body endorsed."})
    paper_only_share = fields.Float(allow_none=True, metadata={"description": "paper_only / endorsing."})
    mobilized_share = fields.Float(allow_none=True, metadata={"description": "mobilized / endorsing."})
    members_known = fields.Integer(metadata={"description": "Endorsing bodies whose membership is known."})
    members = fields.Integer(metadata={"description": "Members represented by those bodies."})
    members_gap = fields.Float(allow_none=True, metadata={"description": "The gap weighted by members."})


class StateFeatureSchema(Schema):
    """A state as a GeoJSON Feature."""

    type = fields.String(validate=OneOf(["Feature"]), metadata={"description": "Always `Feature`."})
    id = fields.String(metadata={"description": "Two-letter state code."})
    properties = fields.Nested(GapPropertiesSchema, metadata={"description": "Its gap figures."})
    geometry = fields.Dict(allow_none=True, metadata={
        "description": "A GeoJSON Polygon or MultiPolygon (us-atlas 3.0.1, from the Census Bureau's "
                       "2017 cartographic boundaries); null when `shapes=false`."})


class StateCollectionSchema(Schema):
    """Every state, as a GeoJSON FeatureCollection."""

    type = fields.String(validate=OneOf(["FeatureCollection"]),
                         metadata={"description": "Always `FeatureCollection`."})
    features = fields.List(fields.Nested(StateFeatureSchema), metadata={"description": "One per state."})


class PointSchema(Schema):
    """A GeoJSON Point."""

    type = fields.String(validate=OneOf(["Point"]), metadata={"description": "Always `Point`."})
    coordinates = fields.List(fields.Float(), metadata={"description": "[longitude, latitude]"})


class BodyPropertiesSchema(Schema):
    """A body (`kind` = body) or a grid cell of several bodies (`kind` = cluster)."""

    kind = fields.String(validate=OneOf(["body", "cluster"]), metadata={"description": "body or cluster."})
    slug = fields.String(metadata={"description": "Bodies only."})
    name = fields.String(metadata={"description": "Bodies only."})
    level = fields.String(metadata={"description": "Bodies only."})
    affiliation = fields.String(allow_none=True, metadata={"description": "Bodies only."})
    tier = fields.Integer(metadata={"description": "Bodies only: the follow-through tier, 0–4."})
    endorsing = fields.Boolean(metadata={"description": "Bodies only."})
    active_without_resolution = fields.Boolean(metadata={"description": "Bodies only."})
    checked = fields.Boolean(metadata={
        "description": "Bodies only: a follow-through check or an action is on record."})
    retreat = fields.Boolean(metadata={"description": "Bodies only."})
    dormant = fields.Boolean(metadata={"description": "Bodies only."})
    last_activity_on = fields.Date(allow_none=True, metadata={"description": "Bodies only."})
    precision = fields.String(allow_none=True, metadata={
        "description": "Bodies only: how precisely the body is placed (exact, zip, city, state)."})
    count = fields.Integer(metadata={"description": "Clusters only: bodies in the cell."})
    mobilized = fields.Integer(metadata={"description": "Clusters only: bodies at tier 3 or 4."})
    bounds = fields.List(fields.Float(), metadata={
        "description": "Clusters only: the grid cell, [west, south, east, north]."})


class BodyFeatureSchema(Schema):
    """A body or a cluster of bodies as a GeoJSON Feature."""

    type = fields.String(validate=OneOf(["Feature"]), metadata={"description": "Always `Feature`."})
    id = fields.Integer(metadata={"description": "Bodies only: the body's id."})
    geometry = fields.Nested(PointSchema, metadata={"description": "Where it is."})
    properties = fields.Nested(BodyPropertiesSchema, metadata={"description": "What it is."})


class BodiesMetaSchema(Schema):
    """How the view was answered."""

    total = fields.Integer(metadata={
        "description": "Bodies with a place in the grid cells the bbox touches (the features' bodies)."})
    zoom = fields.Integer(metadata={"description": "The zoom level asked for."})
    clustered = fields.Boolean(metadata={"description": "true: features are grid clusters."})
    cell_degrees = fields.Float(allow_none=True, metadata={
        "description": "Side of a grid cell (360 / 2**k degrees); null when the features are bodies."})
    point_limit = fields.Integer(metadata={
        "description": "A view with more bodies than this is answered with clusters."})


class BodyCollectionSchema(Schema):
    """Bodies or clusters in view, as a GeoJSON FeatureCollection."""

    type = fields.String(validate=OneOf(["FeatureCollection"]),
                         metadata={"description": "Always `FeatureCollection`."})
    features = fields.List(fields.Nested(BodyFeatureSchema), metadata={"description": "At most 484."})
    meta = fields.Nested(BodiesMetaSchema, metadata={"description": "How the view was answered."})


def geojson(payload: dict) -> Response:
    # Written directly (the schemas above document it): a map payload may hold hundreds of features.
    return Response(json.dumps(payload, separators=(",", ":")), mimetype="application/geo+json")


@blp.get("/states")
@blp.arguments(exact(StatesArgsSchema), location="query")
@blp.response(200, StateCollectionSchema, content_type="application/geo+json",
              example=examples.GEO_STATES)
def states(args):
    """Gap figures per state, as GeoJSON

    Every state with the gap figures of its endorsing bodies that match the filters."""
    shapes = args.pop("shapes")
    return geojson(services.state_gap_features(args, shapes=shapes))


@blp.get("/bodies")
@blp.arguments(exact(BodiesArgsSchema), location="query")
@blp.response(200, BodyCollectionSchema, content_type="application/geo+json",
              example=examples.GEO_BODIES)
def bodies(args):
    """Bodies in a map view, as GeoJSON

    Bodies with a place in the grid cells the bbox touches, filtered like /bodies: each body as a
    point when there are few enough, otherwise one cluster per cell, counted on the server.
    Never more than 484 features; always under 100 KB."""
    bbox = args.pop("bbox") or WORLD
    zoom = args.pop("zoom")
    return geojson(services.body_features(args, bbox, zoom))
