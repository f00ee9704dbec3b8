"""Row schemas of the congress files in seeds/congress/: validate one row, name the bad field."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load, validate

from registry.records.rows import SeedRowSchema, text_field
from registry.vocab import STATE_CODES

BIOGUIDE = validate.Regexp(r"^[A-Z]\d{6}$", error="Not a Bioguide id (a letter and six digits).")
STATE = validate.OneOf(STATE_CODES)
SEAT = validate.Range(0, 99)


class CosponsorRowSchema(SeedRowSchema):
    bioguide_id = fields.String(required=True, validate=BIOGUIDE)
    name = text_field("person_name", required=True)
    party = fields.String(allow_none=True, validate=validate.Length(max=2))
    state = fields.String(required=True, validate=STATE)
    district = fields.Integer(required=True, validate=SEAT)
    date_cosponsored = fields.Date(required=True)
    original = fields.Boolean(required=True, truthy={"true"}, falsy={"false"})
    source = text_field("url", required=True)


class HouseTermRowSchema(SeedRowSchema):
    bioguide_id = fields.String(required=True, validate=BIOGUIDE)
    name = text_field("person_name", required=True)
    party = fields.String(allow_none=True, validate=validate.Length(max=40))
    state = fields.String(required=True, validate=STATE)
    district = fields.Integer(required=True, validate=SEAT)
    start = fields.Date(required=True)
    end = fields.Date(required=True)

    @post_load
    def check_order(self, data: dict[str, Any], **kwargs) -> dict[str, Any]:
        if data["end"] <= data["start"]:
            raise ValidationError("Must be after start.", "end")
        return data


class ZipDistrictRowSchema:
    """Rows of the ZIP-area file, checked by hand: marshmallow takes seconds for its 42,000 rows.
    Same interface as the schemas above (`fields`, `load` raising ValidationError per field)."""

    fields = ("state_fips", "state_abbr", "zcta", "cd")
    STATES = frozenset(STATE_CODES)

    def load(self, record: dict[str, Any]) -> dict[str, Any]:
        values = {name: (record.get(name) or "").strip() for name in self.fields}
        errors: dict[str, list[str]] = {}
        if not (len(values["state_fips"]) == 2 and values["state_fips"].isdigit()):
            errors["state_fips"] = ["Not a two-digit state FIPS code."]
        if values["state_abbr"] not in self.STATES:
            errors["state_abbr"] = ["Not a state code."]
        if not (len(values["zcta"]) == 5 and values["zcta"].isdigit()):
            errors["zcta"] = ["Not a five-digit ZIP code tabulation area."]
        if not (values["cd"].isdigit() and 0 <= int(values["cd"]) <= 99):
            errors["cd"] = ["Not a district number (0 to 99)."]
        if errors:
            raise ValidationError(errors)
        return {**values, "cd": int(values["cd"])}
