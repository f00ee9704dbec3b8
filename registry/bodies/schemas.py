"""Query-string arguments of the body listing, shared by the page, its exports, the map and the API,
so that a filter means the same thing everywhere."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from marshmallow import Schema, ValidationError, fields, pre_load, validates_schema
from marshmallow.validate import Length, OneOf, Range

from registry.districts.congress import CURRENT_BILL
from registry.districts.schemas import BodyDistrictSchema
from registry.fields import UTCDateTime, printable
from registry.followthrough.ladder import STANDINGS, is_dormant, standing, tier_shown
from registry.followthrough.status import today
from registry.text import N_
from registry.vocab import (
    ADOPTION_EVIDENCE,
    EVIDENCE_LEVELS,
    LENGTHS,
    LEVELS,
    ORGANIZATION_TYPES,
    STATE_CODES,
)

SORTS = {
    "name": N_("Name (A–Z)"),
    "state": N_("State"),
    "tier": N_("Tier (highest first)"),
    "latest": N_("Latest activity"),
    "members": N_("Members (most first)"),
}
GENERAL_FAMILY = "general"  # resolutions for Medicare for All without a bill number
ALL_ORGANIZATIONS = "all"  # union bodies and allied organizations together
# Arguments every page takes that filter nothing: a shared link may ask for a language.
NOT_FILTERS = ("lang",)


def _about(description: str, example: Any, json_type: str | list[str] | None = None) -> dict[str, Any]:
    """Field metadata for the OpenAPI document (a type for fields computed in Python)."""
    return {"description": description, "example": example, **({"type": json_type} if json_type else {})}


class BodyFilterSchema(Schema):
    """Which bodies: every field optional; empty values mean "any"."""

    q = fields.String(load_default=None, validate=[printable, Length(max=LENGTHS["name"])],
                      metadata={"description": "Text in the name, affiliation, designation or city.",
                                "example": "nurses"})
    state = fields.String(load_default=None, validate=OneOf(STATE_CODES),
                          metadata={"description": "Two-letter state code.", "example": "OH"})
    level = fields.String(load_default=None, validate=OneOf(LEVELS),
                          metadata={"description": "Level of the body.", "example": "local"})
    affiliation = fields.String(load_default=None,
                                validate=[printable, Length(max=LENGTHS["affiliation"])],
                                metadata={"description": "National union or federation.",
                                          "example": "AFL-CIO"})
    bill_family = fields.String(load_default=None, validate=[printable, Length(max=60)], metadata={
        "description": "Bodies with a supporting resolution on a bill of this family; "
                       f"`{GENERAL_FAMILY}` for resolutions naming no bill.",
        "example": "us-house-medicare-for-all"})
    bill = fields.String(load_default=None, validate=[printable, Length(max=LENGTHS["slug"])], metadata={
        "description": "Bodies with a supporting resolution naming this bill: its code in any "
                       "case or spacing, or its slug.", "example": "HR 676"})
    tier = fields.Integer(load_default=None, validate=Range(0, 4), metadata={
        "description": "Follow-through tier (0 paper only … 4 escalating), among bodies that "
                       "endorsed or acted and whose follow-through is checked (tier 0 is paper "
                       "only: a check found nothing; use checked=false for the others).",
        "example": 3})
    evidence = fields.String(load_default=None, validate=OneOf(EVIDENCE_LEVELS), metadata={
        "description": "Evidence level of the body's record.", "example": "primary"})
    year_from = fields.Integer(load_default=None, validate=Range(1900, 2100),
                               metadata={"description": "First resolution in or after this year "
                                                        "(not after year_to).",
                                         "example": 2017})
    year_to = fields.Integer(load_default=None, validate=Range(1900, 2100),
                             metadata={"description": "First resolution in or before this year.",
                                       "example": 2020})
    organization_type = fields.String(
        load_default=None, validate=OneOf((*ORGANIZATION_TYPES, ALL_ORGANIZATIONS)), metadata={
            "description": "union: union bodies; allied: advocacy campaigns, coalitions, retiree or "
                           "political organizations; all: both. Lists show both unless asked; gap "
                           "figures count union bodies unless asked.", "example": "union"})
    checked = fields.Boolean(load_default=None, metadata={
        "description": "true: a dated follow-through check or an action is on record; false: "
                       "nobody has recorded a look at the body's follow-through yet.",
        "example": True})
    adoption = fields.String(load_default=None, validate=OneOf(ADOPTION_EVIDENCE), metadata={
        "description": "Bodies whose adoption is shown at least this well: roster (any), report "
                       "(a report or a record), record (the text, minutes or a vote).",
        "example": "report"})
    endorsing = fields.Boolean(load_default=None, metadata={
        "description": "true: bodies with a supporting resolution; false: bodies with none.",
        "example": True})
    retreat = fields.Boolean(load_default=None,
                             metadata={"description": "true: bodies with a counter-action on record.",
                                       "example": False})
    dormant = fields.Boolean(load_default=None, metadata={
        "description": "true: no counted activity in the last 12 months.", "example": False})
    cosponsor = fields.Boolean(load_default=None, metadata={
        "description": f"true: bodies in (or possibly in) a congressional district whose "
                       f"representative today cosponsored {CURRENT_BILL}; false: whose "
                       "representative has not.", "example": False})

    @pre_load
    def tidy(self, data: Any, **kwargs) -> dict[str, Any]:
        """Drop empty arguments (an unset select sends `state=`) and those that filter nothing
        (`lang`), and upper-case state codes."""
        items = data.items() if hasattr(data, "items") else []
        cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in items if k not in NOT_FILTERS}
        cleaned = {k: v for k, v in cleaned.items() if v not in ("", None)}
        if isinstance(cleaned.get("state"), str):
            cleaned["state"] = cleaned["state"].upper()
        return cleaned

    @validates_schema
    def years_in_order(self, data: dict[str, Any], **kwargs) -> None:
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            raise ValidationError(gettext("Must not be after year_to."), "year_from")


class BodyListSchema(BodyFilterSchema):
    """Filters plus the order and the page."""

    sort = fields.String(load_default="name", validate=OneOf(SORTS), metadata={
        "description": "Order: " + "; ".join(f"{k}: {v}" for k, v in SORTS.items()) + ".",
        "example": "tier"})
    page = fields.Integer(load_default=1, validate=Range(min=1, max=100_000),
                          metadata={"description": "Page number, from 1.", "example": 1})
    per_page = fields.Integer(load_default=50, validate=Range(min=1, max=200),
                              metadata={"description": "Bodies per page (at most 200).", "example": 50})


FILTER_FIELDS = tuple(BodyFilterSchema().fields)


class BodySchema(Schema):
    """A body as published: identity, place, and its follow-through status."""

    id = fields.Integer(dump_only=True, metadata=_about("Stable numeric id.", 12))
    slug = fields.String(metadata=_about("Stable text id, used in addresses.", "usw-local-155"))
    name = fields.String(metadata=_about("Name of the body.", "USW Local 155"))
    level = fields.String(metadata=_about("Level: " + ", ".join(LEVELS) + ".", "local"))
    affiliation = fields.String(allow_none=True, metadata=_about(
        "National union or federation (abbreviation).", "USW"))
    designation = fields.String(allow_none=True, metadata=_about("Local number or name.", "Local 155"))
    parent = fields.Function(lambda b: b.parent.slug if b.parent else None, allow_none=True,
                             metadata=_about("Slug of the parent body (local → national).",
                                             "united-steelworkers", "string"))
    olms_file_number = fields.Integer(allow_none=True, metadata=_about(
        "US Department of Labor (OLMS) file number.", 542101))
    city = fields.String(allow_none=True, metadata=_about("City.", "Pittsburgh"))
    state = fields.String(allow_none=True, metadata=_about("Two-letter state code.", "PA"))
    latitude = fields.Float(allow_none=True, metadata=_about("Latitude (WGS 84).", 40.44))
    longitude = fields.Float(allow_none=True, metadata=_about("Longitude (WGS 84).", -79.99))
    geocode_precision = fields.String(allow_none=True, metadata=_about(
        "How precise the coordinates are: exact, zip, city or state.", "city"))
    members = fields.Integer(allow_none=True, metadata=_about("Members, where known.", 1200))
    website = fields.String(allow_none=True, metadata=_about("Public website.", "https://example.org/"))
    public_contact = fields.String(allow_none=True, metadata=_about(
        "A contact the body publishes itself.", "info@example.org"))
    organization_type = fields.String(metadata=_about(
        "union (a union body) or allied (an organization beside the unions, left out of gap "
        "figures by default).", "union"))
    endorsing = fields.Boolean(metadata=_about("Has a published supporting resolution.", True))
    adoption_evidence = fields.String(allow_none=True, metadata=_about(
        "Strongest evidence of adoption among its resolutions: roster, report or record.", "report"))
    checked = fields.Boolean(metadata=_about(
        "A dated follow-through check or an action is on record.", True))
    last_checked_on = fields.Date(allow_none=True, metadata=_about(
        "Date of its latest follow-through check.", "2026-11-12"))
    standing = fields.Function(
        lambda b: standing(b.endorsing, b.active_without_resolution, b.checked, b.tier),
        metadata=_about("no_resolution, not_checked, or tier_0 … tier_4.", "tier_3", "string"))
    tier = fields.Function(
        lambda b: tier_shown(b.endorsing, b.active_without_resolution, b.checked, b.tier),
        allow_none=True, metadata=_about(
            "Follow-through tier, 0 to 4 (0 is paper only only when checked: see standing); null "
            "for a body with no resolution on record and no counted action.", 3, "integer"))
    tier_name = fields.Function(
        lambda b: STANDINGS[standing(b.endorsing, b.active_without_resolution, b.checked, b.tier)],
        metadata=_about("What its record says in words: No resolution on record, Not yet checked, "
                        "Paper only, Internal, Public, Mobilizing or Escalating.", "Mobilizing",
                        "string"))
    retreat = fields.Boolean(metadata=_about("A counter-action is on record.", False))
    dormant = fields.Method("is_dormant", metadata=_about(
        "No counted activity in the last 12 months.", False, "boolean"))
    active_without_resolution = fields.Boolean(metadata=_about(
        "Has actions on record but no resolution.", False))
    first_resolution_on = fields.Date(allow_none=True, metadata=_about(
        "Date of its first supporting resolution.", "2017-05-01"))
    first_resolution_precision = fields.String(allow_none=True, metadata=_about(
        "How precisely first_resolution_on is known: day, month or year.", "day"))
    last_activity_on = fields.Date(allow_none=True, metadata=_about(
        "Date of its latest counted action or resolution (for a month or a year, its last day).",
        "2019-09-01"))
    last_activity_precision = fields.String(allow_none=True, metadata=_about(
        "How precisely last_activity_on is known: day, month or year.", "day"))
    evidence_level = fields.String(allow_none=True, metadata=_about(
        "Best evidence level among its records: reported, sourced or primary.", "sourced"))
    published_at = UTCDateTime(dump_only=True, metadata=_about(
        "When it was first published here.", "2026-11-20T09:30:00+00:00"))
    district = fields.Nested(BodyDistrictSchema, allow_none=True, metadata={
        "description": "Its congressional district of the current map; null when it has none "
                       "(placed only by state, or not placed)."})

    def is_dormant(self, body) -> bool:
        return is_dormant(body.last_activity_on, today())

    def get_attribute(self, obj, attr, default):
        if attr == "district":  # the links (loaded with the body): one, several candidates, or none
            return obj.district_links or None
        return super().get_attribute(obj, attr, default)
