"""marshmallow fields shared by the schemas of several areas."""

from __future__ import annotations

import decimal
import re
from datetime import UTC, date, datetime
from typing import Any

from marshmallow import ValidationError, fields
from marshmallow.validate import Length, Regexp, Validator

from registry.text import N_
from registry.textrules import blank_problem, text_problem
from registry.vocab import EARLIEST_YEAR

# RFC 3339 date-time, the only form the OpenAPI `date-time` format admits.
RFC3339 = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
)


class FullMatch(Regexp):
    """A Regexp validator matching the whole value, as a JSON Schema `pattern` anchored with ^…$
    does (Python's `$` also matches before a final newline)."""

    def __call__(self, value: str) -> str:
        if self.regex.fullmatch(value) is None:
            raise ValidationError(self._format_error(value))
        return value


# Text arguments never carry control characters: they mean nothing in a name or a code, and
# PostgreSQL refuses NUL in text. Documented as a pattern, so clients and the API agree.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
printable = FullMatch(PRINTABLE, error="Must not contain control characters.")


# registry.textrules as patterns, for the OpenAPI document (clients and fuzzers read the rule there;
# the validator below applies textrules itself, so its messages name the offending character).
# Astral code points are written as themselves, so the patterns mean the same in Python, Rust and
# ECMA-262 with the u flag. Lone surrogates are not characters a pattern can name in most engines:
# the patterns leave them out, and the validator refuses them. tests/test_textrules.py checks the
# classes against textrules.
NONCHARACTERS = r"\ufdd0-\ufdef\ufffe\uffff" + "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17))
_NOT_TEXT = r"\u2028\u2029" + NONCHARACTERS
SINGLE_LINE_FORBIDDEN = r"\x00-\x08\x0a-\x1f\x7f-\x9f" + _NOT_TEXT
MULTILINE_FORBIDDEN = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + _NOT_TEXT
# Spaces, controls and invisible format characters: what has_visible_text() looks past.
INVISIBLE = (r"\x00-\x20\x7f-\xa0\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u1680"
             r"\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\ufeff\ufff9-\ufffb"
             "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
             "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")


def text_pattern(multiline: bool = False, required: bool = False) -> str:
    """The pattern a text satisfies under registry.textrules (required: with visible text)."""
    forbidden = MULTILINE_FORBIDDEN if multiline else SINGLE_LINE_FORBIDDEN
    if required:
        return f"^[^{forbidden}]*[^{forbidden}{INVISIBLE}][^{forbidden}]*$"
    return f"^[^{forbidden}]*$"


class TextRules(Validator):
    """registry.textrules as a marshmallow validator: text that is text everywhere, with line
    breaks only where the field takes lines, and something visible when the value is required."""

    def __init__(self, multiline: bool = False, required: bool = False):
        self.multiline = multiline
        self.required = required

    def __call__(self, value: str) -> str:
        problem = text_problem(value, self.multiline)
        if problem is None and self.required:
            problem = blank_problem(value)
        if problem:
            raise ValidationError(problem)
        return value


def text_field(max_length: int, *, required: bool = False, multiline: bool = False,
               description: str = "", **metadata: Any) -> fields.String:
    """A text field under the shared rules; optional ones take null."""
    metadata = {"description": description, "pattern": text_pattern(multiline, required),
                **metadata}
    rules = TextRules(multiline, required)
    if required:
        return fields.String(required=True, validate=[Length(1, max_length), rules],
                             metadata=metadata)
    return fields.String(allow_none=True, load_default=None,
                         validate=[Length(max=max_length), rules], metadata=metadata)


CENT = decimal.Decimal("0.01")


class Cents(fields.Decimal):
    """An amount in dollars, to the cent: a fraction of a cent is refused, never rounded."""

    # Marked for the catalog: the member forms show it in the reader's language.
    default_error_messages = {
        "cents": N_("Give the amount in dollars and cents (at most two decimals).")}

    def __init__(self, **kwargs: Any):
        super().__init__(places=2, as_string=True, **kwargs)

    def _format_num(self, value: Any) -> decimal.Decimal:
        exact = decimal.Decimal(str(value))
        if exact.is_finite() and exact.quantize(CENT, rounding=decimal.ROUND_DOWN) != exact:
            raise self.make_error("cents")
        return super()._format_num(value)


def not_before_earliest_year(on: date | None) -> None:
    """Submitted dates start in EARLIEST_YEAR, as the forms' year field does."""
    if on is not None and on.year < EARLIEST_YEAR:
        raise ValidationError(f"Give a date in {EARLIEST_YEAR} or later.")


class StrictBoolean(fields.Boolean):
    """JSON true or false, nothing else (not 0, 1 or "yes"), as a JSON Schema `boolean` says."""

    def _deserialize(self, value: Any, attr, data, **kwargs) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class UTCDateTime(fields.DateTime):
    """A timestamp stored as naive UTC, written with its offset; read as RFC 3339 and returned as
    naive UTC, the form the database compares."""

    def _serialize(self, value: datetime | None, attr, obj, **kwargs) -> str | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)

    def _deserialize(self, value: Any, attr, data, **kwargs) -> datetime:
        if not isinstance(value, str) or not RFC3339.fullmatch(value):
            raise ValidationError("Not an RFC 3339 date-time, e.g. 2024-05-01T00:00:00Z.")
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:  # the first or last representable day, with an offset past it
            return datetime.min if moment.year == 1 else datetime.max
