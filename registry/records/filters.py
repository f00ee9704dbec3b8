"""Query-string arguments of the record listings (resolutions, actions, bills), shared by the API,
the pages and the exports, so that a filter means the same thing everywhere."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, pre_load, validates_schema
from marshmallow.validate import Length, OneOf, Range

from registry.bodies.schemas import GENERAL_FAMILY
from registry.fields import UTCDateTime, printable
from registry.followthrough.ladder import ACTION_KINDS
from registry.records.schemas import BillSchema
from registry.vocab import (
    ACTION_SCOPES,
    ADOPTION_EVIDENCE,
    EVIDENCE_LEVELS,
    LENGTHS,
    LEVELS,
    STANCES,
    STATE_CODES,
)


def _described(description: str, example: Any = None) -> dict[str, Any]:
    return {"description": description, **({"example": example} if example is not None else {})}


class QueryArgsSchema(Schema):
    """Arguments read from a query string: empty values mean "any"."""

    upper_case = ("state",)

    @pre_load
    def tidy(self, data: Any, **kwargs) -> dict[str, Any]:
        """Drop empty arguments (an unset select sends `state=`) and upper-case codes."""
        items = data.items() if hasattr(data, "items") else []
        cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in items}
        cleaned = {k: v for k, v in cleaned.items() if v not in ("", None)}
        for name in self.upper_case:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].upper()
        return cleaned


def ordered_range(low: str, high: str):
    """A schema check that `low` is not after `high` when both are given."""

    def check(self, data: dict[str, Any], **kwargs) -> None:
        if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
            raise ValidationError(f"Must not be after {high}.", low)

    return validates_schema(check)


class RecordFilterSchema(QueryArgsSchema):
    """Filters shared by resolutions and actions: which body, which bill, how well sourced."""

    body = fields.String(load_default=None, validate=[printable, Length(max=LENGTHS["slug"])],
                         metadata=_described("Slug of the union body.", "usw-local-155"))
    state = fields.String(load_default=None, validate=OneOf(STATE_CODES),
                          metadata=_described("Two-letter state code of the body.", "OH"))
    level = fields.String(load_default=None, validate=OneOf(LEVELS),
                          metadata=_described("Level of the body.", "local"))
    affiliation = fields.String(load_default=None,
                                validate=[printable, Length(max=LENGTHS["affiliation"])],
                                metadata=_described("National union or federation of the body.", "USW"))
    tier = fields.Integer(load_default=None, validate=Range(0, 4), metadata=_described(
        "Follow-through tier of the body (0 paper only … 4 escalating).", 3))
    bill = fields.String(load_default=None, validate=[printable, Length(max=LENGTHS["slug"])],
                         metadata=_described("Bill code or slug.", "HR 676"))
    bill_family = fields.String(
        load_default=None, validate=[printable, Length(max=60)], metadata=_described(
            f"Bills of this family; `{GENERAL_FAMILY}` for records naming no bill.",
            "us-house-medicare-for-all"))
    evidence = fields.String(load_default=None, validate=OneOf(EVIDENCE_LEVELS), metadata=_described(
        "Evidence level of the record: reported, sourced or primary.", "primary"))
    published_since = UTCDateTime(load_default=None, metadata=_described(
        "Records published at or after this moment (RFC 3339).", "2024-01-01T00:00:00Z"))


class ResolutionFilterSchema(RecordFilterSchema):
    stance = fields.String(load_default=None, validate=OneOf(STANCES),
                           metadata=_described("support or oppose.", "support"))
    adoption_evidence = fields.String(load_default=None, validate=OneOf(ADOPTION_EVIDENCE),
                                      metadata=_described(
        "What shows it was adopted: roster, report or record.", "record"))
    adopted_from = fields.Date(load_default=None, metadata=_described(
        "Adopted (or first reported) on or after this day (not after adopted_to).", "2017-01-01"))
    adopted_to = fields.Date(load_default=None, metadata=_described(
        "Adopted (or first reported) on or before this day.", "2019-12-31"))

    adopted_in_order = ordered_range("adopted_from", "adopted_to")


class ActionFilterSchema(RecordFilterSchema):
    kind = fields.String(load_default=None, validate=OneOf(ACTION_KINDS),
                         metadata=_described("Kind of action.", "rally_or_march"))
    scope = fields.String(load_default=None, validate=OneOf(ACTION_SCOPES), metadata=_described(
        "What it was for: federal_bill, state_bill, single_payer or health_reform.", "state_bill"))
    rung = fields.Integer(load_default=None, validate=Range(0, 4), metadata=_described(
        "Actions whose kind sits on this rung of the ladder.", 3))
    counter = fields.Boolean(load_default=None, metadata=_described(
        "true: counter-actions only (opposed a bill, rescinded, endorsed an opponent); "
        "false: none of them.", False))
    occurred_from = fields.Date(load_default=None, metadata=_described(
        "Occurred on or after this day (not after occurred_to).", "2019-01-01"))
    occurred_to = fields.Date(load_default=None, metadata=_described(
        "Occurred on or before this day.", "2020-12-31"))

    occurred_in_order = ordered_range("occurred_from", "occurred_to")


class PageArgsSchema(Schema):
    page = fields.Integer(load_default=1, validate=Range(min=1, max=100_000),
                          metadata=_described("Page number, from 1.", 1))
    per_page = fields.Integer(load_default=50, validate=Range(min=1, max=200),
                              metadata=_described("Records per page (at most 200).", 50))


RESOLUTION_SORTS = {"adopted": "Adopted (newest first)", "published": "Published (newest first)",
                    "body": "Body name"}
ACTION_SORTS = {"occurred": "Occurred (newest first)", "published": "Published (newest first)",
                "body": "Body name"}


class ResolutionListSchema(PageArgsSchema, ResolutionFilterSchema):
    sort = fields.String(load_default="adopted", validate=OneOf(RESOLUTION_SORTS), metadata=_described(
        "adopted (newest first, undated last), published (newest first) or body (name).", "adopted"))


class ActionListSchema(PageArgsSchema, ActionFilterSchema):
    sort = fields.String(load_default="occurred", validate=OneOf(ACTION_SORTS), metadata=_described(
        "occurred (newest first, undated last), published (newest first) or body (name).", "occurred"))


BILL_SORTS = {"family": "Family, in lineage order", "introduced": "Introduced (newest first)",
              "endorsers": "Endorsing bodies (most first)"}


class BillListSchema(PageArgsSchema, QueryArgsSchema):
    family = fields.String(load_default=None, validate=[printable, Length(max=60)],
                           metadata=_described("Bill family (lineage).", "us-house-medicare-for-all"))
    jurisdiction = fields.String(load_default=None, validate=OneOf(("US", *STATE_CODES)),
                                 metadata=_described("US for Congress, or a state code.", "US"))
    sort = fields.String(load_default="family", validate=OneOf(BILL_SORTS), metadata=_described(
        "family (in lineage order), introduced (newest first) or endorsers (most first).",
        "family"))

    upper_case = ("jurisdiction",)


class BillSummarySchema(BillSchema):
    """A bill in the listing, with how many bodies went on record for or against it."""

    id = fields.Integer(dump_only=True, metadata=_described(
        "Numeric id (what a submission's bill_id names).", 2))

    endorsing_bodies = fields.Integer(metadata=_described(
        "Bodies with a published supporting resolution naming this bill.", 112))
    opposing_bodies = fields.Integer(metadata=_described(
        "Bodies with a published resolution opposing this bill.", 0))
