"""Accepted corrections: body fields are rewritten (checked like any other input); other
corrections and tier disputes are recorded as accepted, with their source attached."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, pre_load, validate

from registry.fields import TextRules
from registry.geo import place_for_body
from registry.models import Body
from registry.records import services as records
from registry.records.rows import http_url
from registry.records.services import Provenance, SourceRef
from registry.submissions.schemas import ZIP_CODE
from registry.vocab import (
    CORRECTABLE_BODY_FIELDS,
    CORRECTION_FIELDS,
    LENGTHS,
    LEVELS,
    MAX_MEMBERS,
    STATE_CODES,
)


def _optional(length: str) -> fields.String:
    return fields.String(allow_none=True, validate=[validate.Length(max=LENGTHS[length]),
                                                    TextRules()])


class BodyCorrectionSchema(Schema):
    """The body fields a correction may change, with the same rules as everywhere else."""

    name = fields.String(validate=[validate.Length(1, LENGTHS["name"]), TextRules(required=True)])
    level = fields.String(validate=validate.OneOf(LEVELS))
    affiliation = _optional("affiliation")
    designation = _optional("designation")
    city = _optional("city")
    state = fields.String(allow_none=True, validate=validate.OneOf(STATE_CODES))
    zip = fields.String(allow_none=True, validate=validate.Regexp(ZIP_CODE))
    website = fields.String(allow_none=True, validate=[validate.Length(max=LENGTHS["url"]), TextRules(),
                                                       http_url])
    members = fields.Integer(allow_none=True, validate=validate.Range(0, MAX_MEMBERS))
    public_contact = _optional("contact")

    @pre_load
    def tidy(self, data: dict[str, Any], **kwargs) -> dict[str, Any]:
        cleaned = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in data.items()}
        if isinstance(cleaned.get("state"), str):
            cleaned["state"] = cleaned["state"].upper()
        if isinstance(cleaned.get("members"), str):
            cleaned["members"] = cleaned["members"].replace(",", "")
        return cleaned


def checked_value(field: str, value: str | None) -> Any:
    """The value a body field would get, or ValueError saying why it is not acceptable."""
    try:
        return BodyCorrectionSchema(partial=True).load({field: value})[field]
    except ValidationError as error:
        messages = error.normalized_messages().get(field, ["Not acceptable."])
        raise ValueError(" ".join(messages)) from error


def apply_correction(body: Body, field: str, value: Any, refs: list[SourceRef],
                     provenance: Provenance) -> None:
    """Write an accepted correction (value already checked with `checked_value`)."""
    if field in CORRECTABLE_BODY_FIELDS:
        changes = {field: value}
        if field in ("city", "state", "zip"):
            address = {"city": body.city, "state": body.state, "zip": body.zip, field: value}
            place = place_for_body(address["city"], address["state"], address["zip"])
            if place is not None:
                changes.update(latitude=place.latitude, longitude=place.longitude,
                               geocode_precision=place.precision)
        records.revise(body, changes, provenance)
    else:
        # Nothing to rewrite on the body itself: the history says what was accepted.
        records.record_revision("body", body.id, body.id,
                                {"accepted correction": (None, CORRECTION_FIELDS[field])}, provenance)
    for ref in refs:
        records.attach_source(body, ref, provenance)
