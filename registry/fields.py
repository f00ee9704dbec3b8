"""marshmallow fields shared by the schemas of several areas."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from marshmallow import ValidationError, fields
from marshmallow.validate import Regexp

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
