"""Query-string arguments of the body listing, shared by the page, its exports, the map and the API,
so that a filter means the same thing everywhere."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, pre_load, validates_schema
from marshmallow.validate import Length, OneOf, Range

from registry.fields import UTCDateTime
from registry.followthrough.ladder import DORMANT_AFTER_MONTHS, TIERS, months_before
from registry.followthrough.status import today
from registry.vocab import EVIDENCE_LEVELS, LENGTHS, LEVELS, STATE_CODES

SORTS = {
    "name": "Name (A–Z)",
    "state": "State",
    "tier": "Tier (highest first)",
    "latest": "Latest activity",
    "members": "Members (most first)",
}
GENERAL_FAMILY = "general"  # resolutions for Medicare for All without a bill number


class BodyFilterSchema(Schema):
    """Which bodies: every field optional; empty values mean "any"."""

    q = fields.String(load_default=None, validate=Length(max=LENGTHS["name"]),
                      metadata={"description": "Text in the name, affiliation, designation or city."})
    state = fields.String(load_default=None, validate=OneOf(STATE_CODES),
                          metadata={"description": "Two-letter state code.", "example": "OH"})
    level = fields.String(load_default=None, validate=OneOf(LEVELS))
    affiliation = fields.String(load_default=None, validate=Length(max=LENGTHS["affiliation"]),
                                metadata={"example": "AFL-CIO"})
    bill_family = fields.String(load_default=None, validate=Length(max=60), metadata={
        "description": "Bodies with a supporting resolution on a bill of this family; "
                       f"`{GENERAL_FAMILY}` for resolutions naming no bill."})
    tier = fields.Integer(load_default=None, validate=Range(0, 4), metadata={
        "description": "Follow-through tier (0 paper only … 4 escalating), among bodies that "
                       "endorsed or acted."})
    evidence = fields.String(load_default=None, validate=OneOf(EVIDENCE_LEVELS))
    year_from = fields.Integer(load_default=None, validate=Range(1900, 2100),
                               metadata={"description": "First resolution in or after this year."})
    year_to = fields.Integer(load_default=None, validate=Range(1900, 2100),
                             metadata={"description": "First resolution in or before this year."})
    endorsing = fields.Boolean(load_default=None, metadata={
        "description": "true: bodies with a supporting resolution; false: bodies with none."})
    retreat = fields.Boolean(load_default=None,
                             metadata={"description": "true: bodies with a counter-action on record."})
    dormant = fields.Boolean(load_default=None, metadata={
        "description": "true: no counted activity in the last 12 months."})

    @pre_load
    def tidy(self, data: Any, **kwargs) -> dict[str, Any]:
        """Drop empty arguments (an unset select sends `state=`) and upper-case state codes."""
        items = data.items() if hasattr(data, "items") else []
        cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in items}
        cleaned = {k: v for k, v in cleaned.items() if v not in ("", None)}
        if isinstance(cleaned.get("state"), str):
            cleaned["state"] = cleaned["state"].upper()
        return cleaned

    @validates_schema
    def years_in_order(self, data: dict[str, Any], **kwargs) -> None:
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            raise ValidationError("Must not be after year_to.", "year_from")


class BodyListSchema(BodyFilterSchema):
    """Filters plus the order and the page."""

    sort = fields.String(load_default="name", validate=OneOf(SORTS))
    page = fields.Integer(load_default=1, validate=Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=50, validate=Range(min=1, max=200))


FILTER_FIELDS = tuple(BodyFilterSchema().fields)


class BodySchema(Schema):
    """A body as published: identity, place, and its follow-through status."""

    id = fields.Integer(dump_only=True)
    slug = fields.String(metadata={"example": "usw-local-155"})
    name = fields.String()
    level = fields.String()
    affiliation = fields.String(allow_none=True)
    designation = fields.String(allow_none=True)
    parent = fields.Function(lambda b: b.parent.slug if b.parent else None, allow_none=True)
    olms_file_number = fields.Integer(allow_none=True)
    city = fields.String(allow_none=True)
    state = fields.String(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    geocode_precision = fields.String(allow_none=True)
    members = fields.Integer(allow_none=True)
    website = fields.String(allow_none=True)
    public_contact = fields.String(allow_none=True)
    endorsing = fields.Boolean()
    tier = fields.Integer()
    tier_name = fields.Function(lambda b: TIERS[b.tier])
    retreat = fields.Boolean()
    dormant = fields.Method("is_dormant")
    active_without_resolution = fields.Boolean()
    first_resolution_on = fields.Date(allow_none=True)
    last_activity_on = fields.Date(allow_none=True)
    evidence_level = fields.String(allow_none=True)
    published_at = UTCDateTime(dump_only=True)

    def is_dormant(self, body) -> bool:
        cutoff = months_before(today(), DORMANT_AFTER_MONTHS)
        return body.last_activity_on is not None and body.last_activity_on < cutoff
