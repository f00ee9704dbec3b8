"""Row schemas for the seed files and CSV imports: validate one row, name the bad field."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, pre_load, validate

from registry.followthrough.ladder import ACTION_KINDS
from registry.vocab import COMMITMENTS, DATE_KINDS, LENGTHS, LEVELS, STANCES, STATE_CODES

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
http_url = validate.URL(schemes={"http", "https"}, require_tld=True)
SLUG = validate.Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", error="Use lower-case letters, digits and dashes.")


def parse_partial_date(text: str) -> tuple[date, str]:
    """'2019' → (2019-01-01, 'year'); '2019-05' → month; '2019-05-01' → day."""
    match = PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValidationError("Use YYYY, YYYY-MM or YYYY-MM-DD.")
    year, month, day = match.groups()
    try:
        value = date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise ValidationError(f"Not a real date: {error}.") from error
    precision = "day" if day else "month" if month else "year"
    return value, precision


class PartialDate(fields.Field):
    """A date of year, month or day precision, loaded as (date, precision)."""

    def _deserialize(self, value: Any, attr, data, **kwargs) -> tuple[date, str]:
        return parse_partial_date(str(value))


class SeedRowSchema(Schema):
    @pre_load
    def blank_to_none(self, data: dict[str, Any], **kwargs) -> dict[str, Any]:
        return {k: (v.strip() or None) if isinstance(v, str) else v for k, v in data.items()}


def text_field(length: str, required: bool = False) -> fields.String:
    """A text column limited to the shared LENGTHS; required ones must not be empty."""
    return fields.String(required=required, allow_none=not required,
                         validate=validate.Length(max=LENGTHS[length]))


class SeedBillSchema(SeedRowSchema):
    code = fields.String(required=True, validate=validate.Regexp(r"^(HR|S|AB|SB|A) \d+$"))
    congress = fields.Integer(allow_none=True, validate=validate.Range(1, 200))
    jurisdiction = fields.String(required=True, validate=validate.OneOf(("US", *STATE_CODES)))
    chamber = fields.String(allow_none=True, validate=validate.OneOf(("house", "senate", "state")))
    title = text_field("title", required=True)
    sponsor = text_field("name")
    introduced_on = fields.Date(allow_none=True)
    family = fields.String(required=True, validate=validate.Regexp(r"^[a-z0-9-]+$"))
    predecessor = fields.String(allow_none=True)
    source_url = fields.String(required=True, validate=http_url)


class SeedBodySchema(SeedRowSchema):
    slug = fields.String(required=True, validate=SLUG)
    name = text_field("name", required=True)
    level = fields.String(required=True, validate=validate.OneOf(LEVELS))
    affiliation = text_field("affiliation")
    designation = text_field("designation")
    parent = fields.String(allow_none=True)
    city = text_field("city")
    state = fields.String(allow_none=True, validate=validate.OneOf(STATE_CODES))
    source_url = fields.String(required=True, validate=http_url)


class SeedResolutionSchema(SeedRowSchema):
    body = fields.String(required=True)
    bill = fields.String(allow_none=True)
    stance = fields.String(required=True, validate=validate.OneOf(STANCES))
    date = PartialDate(allow_none=True)
    date_kind = fields.String(allow_none=True, validate=validate.OneOf(DATE_KINDS))
    date_precision = fields.String(allow_none=True)
    commitments = fields.String(allow_none=True)
    bill_as_reported = text_field("bill_as_reported")
    name_in_source = text_field("name")
    source_url = fields.String(required=True, validate=http_url)

    @post_load
    def check_date(self, data: dict[str, Any], **kwargs) -> dict[str, Any]:
        if (data.get("date") is None) != (data.get("date_kind") is None):
            raise ValidationError("A date needs a date_kind and a date_kind needs a date.",
                                  "date_kind")
        if data.get("date") and data.get("date_precision") not in (None, data["date"][1]):
            raise ValidationError(f"Does not match the date ({data['date'][1]}).",
                                  "date_precision")
        items = [c.strip() for c in (data.get("commitments") or "").split(";") if c.strip()]
        unknown = [c for c in items if c not in COMMITMENTS]
        if unknown:
            raise ValidationError(f"Unknown commitment(s): {', '.join(unknown)}.", "commitments")
        data["commitments"] = items
        return data


class SeedActionSchema(SeedRowSchema):
    body = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(ACTION_KINDS))
    date = PartialDate(allow_none=True)
    date_precision = fields.String(allow_none=True)
    participants = fields.Integer(allow_none=True, validate=validate.Range(min=0))
    amount_usd = fields.Decimal(allow_none=True, places=2, validate=validate.Range(min=0))
    description = text_field("description", required=True)
    bill = fields.String(allow_none=True)
    source_url = fields.String(required=True, validate=http_url)

    @post_load
    def check_date(self, data: dict[str, Any], **kwargs) -> dict[str, Any]:
        if data.get("date") and data.get("date_precision") not in (None, data["date"][1]):
            raise ValidationError(f"Does not match the date ({data['date'][1]}).",
                                  "date_precision")
        return data
