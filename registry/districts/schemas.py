"""Query arguments of the district list (page and API) and the district records the API returns."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, pre_load
from marshmallow.validate import OneOf, Range

from registry.districts.congress import CONGRESS_BILLS, CURRENT_BILL
from registry.districts.services import SORTS
from registry.vocab import STATE_CODES

HOUSE_BILLS = tuple(CONGRESS_BILLS.values())


def _about(description: str, example: Any, json_type: str | list[str] | None = None) -> dict[str, Any]:
    return {"description": description, "example": example, **({"type": json_type} if json_type else {})}


class DistrictFilterSchema(Schema):
    """Which districts: every field optional."""

    state = fields.String(load_default=None, validate=OneOf(STATE_CODES),
                          metadata=_about("Two-letter state code.", "OR"))
    cosponsor = fields.Boolean(load_default=None, metadata=_about(
        "true: districts whose representative today cosponsored `bill`; false: whose "
        "representative has not (a district with no representative on record matches neither).",
        False))
    bill = fields.String(load_default=CURRENT_BILL, validate=OneOf(HOUSE_BILLS), metadata=_about(
        "The House Medicare for All bill `cosponsor` asks about (one per Congress, 115th–119th); "
        f"the current one, {CURRENT_BILL}, by default.", "HR 3069"))
    sort = fields.String(load_default="pressure", validate=OneOf(SORTS), metadata=_about(
        "Order: " + "; ".join(f"{k}: {v}" for k, v in SORTS.items()) + ". Pressure points first: "
        "districts whose representative has not cosponsored the current bill, most endorsing "
        "union bodies first.", "pressure"))

    @pre_load
    def tidy(self, data: Any, **kwargs) -> dict[str, Any]:
        """Drop empty arguments (an unset select sends `state=`) and upper-case state codes."""
        items = data.items() if hasattr(data, "items") else []
        cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in items}
        cleaned = {k: v for k, v in cleaned.items() if v not in ("", None)}
        if isinstance(cleaned.get("state"), str):
            cleaned["state"] = cleaned["state"].upper()
        return cleaned


class DistrictListSchema(DistrictFilterSchema):
    page = fields.Integer(load_default=1, validate=Range(min=1, max=100),
                          metadata=_about("Page number, from 1.", 1))
    per_page = fields.Integer(load_default=100, validate=Range(min=1, max=500),
                              metadata=_about("Districts per page (at most 500).", 100))


class RepresentativeSchema(Schema):
    """A House member: the district's representative today."""

    name = fields.String(metadata=_about("Name.", "Maxine Dexter"))
    bioguide_id = fields.String(metadata=_about("Bioguide id.", "D000635"))
    party = fields.String(allow_none=True, metadata=_about("Party (null: not on record).", "Democrat"))
    since = fields.Date(metadata=_about("First day of their unbroken hold of the seat, as far as "
                                        "the records go.", "2025-01-03"))
    since_exact = fields.Boolean(metadata=_about(
        "false: the records begin (2015–2017) during their hold, or show them only from a "
        "cosponsorship, so it may have begun earlier.", True))


class CosponsorshipSchema(Schema):
    """A representative's part in one Congress's House Medicare for All bill."""

    bill = fields.String(metadata=_about("The Congress's House Medicare for All bill.", "HR 3069"))
    congress = fields.Integer(metadata=_about("Congress.", 119))
    cosponsored_on = fields.Date(allow_none=True, metadata=_about(
        "When the representative cosponsored it; null: they did not.", "2025-04-29"))
    original = fields.Boolean(metadata=_about("Cosponsored on the day it was introduced.", True))
    member = fields.Function(lambda line: line.seat is not None, metadata=_about(
        "Whether the representative sat in the House during that Congress.", True, "boolean"))
    seat = fields.String(allow_none=True, metadata=_about(
        "The seat they held then (null: not a member then).", "OR-3"))


class CountsSchema(Schema):
    """Union bodies of a district and how far the endorsing ones followed through."""

    total = fields.Integer(metadata=_about("Union bodies.", 4))
    endorsing = fields.Integer(metadata=_about("Of them, with a published supporting resolution.", 3))
    checked = fields.Integer(metadata=_about("Endorsing bodies whose follow-through is on record "
                                             "(an action).", 2))
    mobilized = fields.Integer(metadata=_about("Endorsing bodies at tier 3 or 4.", 1))
    gap = fields.Float(allow_none=True, metadata=_about(
        "Share of endorsing bodies that never mobilized; null when none endorsed.", 0.6667))


class HolderSchema(Schema):
    """Someone who held the seat during a Congress, with their cosponsorship of its bill."""

    name = fields.String(metadata=_about("Name.", "Earl Blumenauer"))
    bioguide_id = fields.String(metadata=_about("Bioguide id.", "B000574"))
    party = fields.String(allow_none=True, metadata=_about("Party.", "Democrat"))
    start = fields.Date(metadata=_about("First day in the seat within that Congress.", "2023-01-03"))
    end = fields.Date(metadata=_about("Day the successor took the seat, or the term ended.", "2025-01-03"))
    cosponsored_on = fields.Date(allow_none=True, metadata=_about(
        "When they cosponsored that Congress's bill; null: they did not.", "2023-05-17"))
    original = fields.Boolean(metadata=_about("Original cosponsor.", True))


class SeatCongressSchema(Schema):
    """Who held a seat during one Congress."""

    congress = fields.Integer(metadata=_about("Congress.", 118))
    bill = fields.String(metadata=_about("Its House Medicare for All bill.", "HR 3421"))
    holders = fields.List(fields.Nested(HolderSchema), metadata={
        "description": "Who held the seat (numbered as today) during that Congress."})


class DistrictSchema(Schema):
    """A district of the current map, its representative today and the union bodies in it."""

    code = fields.String(metadata=_about(
        "District code: state and number, AL for an at-large or delegate seat.", "OR-3"))
    state = fields.String(metadata=_about("Two-letter state code.", "OR"))
    number = fields.Integer(metadata=_about("District number (0: at-large or delegate).", 3))
    congress = fields.Integer(metadata=_about("The Congress whose district map this is.", 119))
    representative = fields.Nested(RepresentativeSchema, allow_none=True, metadata={
        "description": "The representative today (null: none on record)."})
    cosponsorship = fields.List(fields.Nested(CosponsorshipSchema), metadata={
        "description": "The representative's cosponsorship of each Congress's House Medicare for "
                       "All bill, newest first."})
    bodies = fields.Nested(CountsSchema, metadata={
        "description": "Union bodies in the district (their ZIP or city lies wholly in it)."})
    bodies_possibly_in = fields.Nested(CountsSchema, metadata={
        "description": "Union bodies that may be in the district: their ZIP or city spans it and "
                       "others. Counted apart, never in `bodies`."})
    pressure_point = fields.Boolean(metadata=_about(
        "Endorsing union bodies in the district, and a representative who has not cosponsored "
        "the current bill.", False))
    url = fields.String(metadata=_about("The district's page.", "/districts/OR-3"))


class DistrictDetailSchema(DistrictSchema):
    """A district with who held its seat in each Congress."""

    seat_history = fields.List(fields.Nested(SeatCongressSchema), metadata={
        "description": "Who held the seat in each Congress and whether they cosponsored its bill, "
                       "newest first. Districts were redrawn after the 2020 census (in some states "
                       "more often): earlier holders of the number represented a somewhat "
                       "different area."})


class BodyDistrictSchema(Schema):
    """The district part of a body record."""

    code = fields.Function(lambda links: links[0].district.code if len(links) == 1 else None,
                           metadata=_about("The district (null when the body may be in any of "
                                           "several: see candidates).", "OR-3", ["string", "null"]))
    congress = fields.Function(lambda links: links[0].district.congress,
                               metadata=_about("The Congress whose map this is.", 119, "integer"))
    candidates = fields.Function(
        lambda links: [link.district.code for link in sorted(
            links, key=lambda link: (link.district.state, link.district.number))],
        metadata=_about("Every district the body may be in (one when certain).", ["OR-3"], "array"))
    basis = fields.Function(lambda links: links[0].basis, metadata=_about(
        "How it was found: zip (its ZIP's area), city (its city's ZIP areas) or coordinates "
        "(its exact position among the ZIP areas around it).", "zip", "string"))
