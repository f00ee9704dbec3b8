"""Query-string arguments of the body listing, shared by the page, its exports and the API."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, pre_load, validate

from registry.vocab import LEVELS, STATE_CODES


class BodyFilterSchema(Schema):
    state = fields.String(validate=validate.OneOf(STATE_CODES), load_default=None)
    level = fields.String(validate=validate.OneOf(LEVELS), load_default=None)
    page = fields.Integer(validate=validate.Range(min=1, max=100_000), load_default=1)
    per_page = fields.Integer(validate=validate.Range(min=1, max=200), load_default=50)

    @pre_load
    def tidy(self, data: Any, **kwargs) -> dict[str, Any]:
        """Drop empty arguments (an unset select sends `state=`) and upper-case state codes."""
        cleaned = {k: v.strip() for k, v in dict(data).items() if isinstance(v, str) and v.strip()}
        if "state" in cleaned:
            cleaned["state"] = cleaned["state"].upper()
        return cleaned
