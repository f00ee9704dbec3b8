"""Pieces of the import row schemas: partial dates, text within the shared limits and rules, URLs."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError, fields, pre_load, validate

from registry.textrules import blank_problem, text_problem
from registry.vocab import EARLIEST_YEAR, LATEST_YEAR, LENGTHS

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
http_url = validate.URL(schemes={"http", "https"}, require_tld=True)
SLUG = validate.Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", error="Use lower-case letters, digits and dashes.")


def parse_partial_date(text: str) -> tuple[date, str]:
    """'2019' → (2019-01-01, 'year'); '2019-05' → month; '2019-05-01' → day."""
    match = PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValidationError("Use YYYY, YYYY-MM or YYYY-MM-DD.")
    year, month, day = match.groups()
    if not EARLIEST_YEAR <= int(year) <= LATEST_YEAR:
        raise ValidationError(f"Give a year from {EARLIEST_YEAR} to {LATEST_YEAR}.")
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
    """A row of a seed data file: surrounding spaces trimmed, empty cells read as missing."""

    @pre_load
    def blank_to_none(self, data: dict[str, Any], **kwargs) -> dict[str, Any]:
        return {k: (v.strip() or None) if isinstance(v, str) else v for k, v in data.items()}


def text_checks(multiline: bool = False, required: bool = False):
    """The shared text rules (registry.textrules) as a marshmallow validator."""

    def check(value: str) -> None:
        problem = text_problem(value, multiline) or (blank_problem(value) if required else None)
        if problem:
            raise ValidationError(problem)

    return check


def text_field(length: str, required: bool = False, multiline: bool = False) -> fields.String:
    """A text column limited to the shared LENGTHS and text rules; required ones must show text."""
    return fields.String(required=required, allow_none=not required,
                         validate=[validate.Length(max=LENGTHS[length]),
                                   text_checks(multiline, required)])
