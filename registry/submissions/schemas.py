"""The contract of a submission: what a member may submit, validated the same way whether it
comes from the HTML forms or the API. The payload is stored as the dump of these schemas and
loaded back through them when a reviewer publishes it."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from registry.accounts.services import EMAIL
from registry.followthrough.ladder import ACTION_KINDS
from registry.followthrough.status import today
from registry.records.rows import http_url
from registry.vocab import (
    COMMITMENTS,
    CORRECTION_FIELDS,
    DATE_PRECISIONS,
    LENGTHS,
    LEVELS,
    MAX_RECORD_ID,
    STANCES,
    STATE_CODES,
    SUBMITTER_ROLES,
)

ZIP_CODE = r"^\d{5}(-\d{4})?$"
RECORD_ID = validate.Range(1, MAX_RECORD_ID)


def _text(length: str, required: bool = False) -> fields.String:
    if required:
        return fields.String(required=True, validate=validate.Length(1, LENGTHS[length]))
    return fields.String(allow_none=True, load_default=None,
                         validate=validate.Length(max=LENGTHS[length]))


class NewBodySchema(Schema):
    """A union body the member could not find in the registry."""

    name = _text("name", required=True)
    level = fields.String(required=True, validate=validate.OneOf(LEVELS))
    affiliation = _text("affiliation")
    designation = _text("designation")
    city = _text("city")
    state = fields.String(required=True, validate=validate.OneOf(STATE_CODES))
    zip = fields.String(allow_none=True, load_default=None, validate=validate.Regexp(
        ZIP_CODE, error="Use a 5-digit ZIP code (or ZIP+4)."))


class SubmitterSchema(Schema):
    """Who submitted: private to reviewers, except the name when credit is chosen."""

    name = _text("person_name")
    email = fields.String(required=True, validate=[
        validate.Length(max=LENGTHS["email"]),
        validate.Regexp(EMAIL, error="Enter an email address such as name@example.org."),
    ])
    role = fields.String(required=True, validate=validate.OneOf(SUBMITTER_ROLES))
    credit_public = fields.Boolean(load_default=False)

    @validates_schema
    def name_for_credit(self, data: dict[str, Any], **kwargs) -> None:
        if data.get("credit_public") and not data.get("name"):
            raise ValidationError("Give your name to be credited, or untick the credit box.", "name")


def check_not_future(on: date | None, field_name: str) -> None:
    if on is not None and on > today():
        raise ValidationError("That date is in the future: report only what has happened.",
                              field_name)


class _TargetSchema(Schema):
    """Exactly one of: a body already in the registry, or a new one described."""

    body_id = fields.Integer(allow_none=True, load_default=None, strict=True, validate=RECORD_ID)
    new_body = fields.Nested(NewBodySchema, allow_none=True, load_default=None)
    source_url = fields.String(allow_none=True, load_default=None,
                               validate=[validate.Length(max=LENGTHS["url"]), http_url])

    @validates_schema
    def one_body(self, data: dict[str, Any], **kwargs) -> None:
        if (data.get("body_id") is None) == (data.get("new_body") is None):
            raise ValidationError("Choose a body from the registry or describe a new one (not both).",
                                  "body_id")


class ResolutionPayloadSchema(_TargetSchema):
    bill_id = fields.Integer(allow_none=True, load_default=None, strict=True, validate=RECORD_ID, metadata={
        "description": "A bill from GET /bills; null for Medicare for All in general."})
    stance = fields.String(required=True, validate=validate.OneOf(STANCES))
    adopted_on = fields.Date(required=True)
    date_precision = fields.String(required=True, validate=validate.OneOf(DATE_PRECISIONS))
    title = _text("title", required=True)
    summary = _text("summary", required=True)
    text = _text("text")
    commitments = fields.List(fields.String(validate=validate.OneOf(COMMITMENTS)), load_default=list)

    @validates_schema
    def dated_in_the_past(self, data: dict[str, Any], **kwargs) -> None:
        check_not_future(data.get("adopted_on"), "adopted_on")


class ActionPayloadSchema(_TargetSchema):
    kind = fields.String(required=True, validate=validate.OneOf(ACTION_KINDS))
    occurred_on = fields.Date(required=True)
    date_precision = fields.String(required=True, validate=validate.OneOf(DATE_PRECISIONS))
    description = _text("description", required=True)
    participants = fields.Integer(allow_none=True, load_default=None,
                                  validate=validate.Range(0, 10_000_000))
    amount_usd = fields.Decimal(allow_none=True, load_default=None, places=2, as_string=True,
                                validate=validate.Range(0, 1_000_000_000))

    @validates_schema
    def dated_in_the_past(self, data: dict[str, Any], **kwargs) -> None:
        check_not_future(data.get("occurred_on"), "occurred_on")


class CorrectionPayloadSchema(Schema):
    body_id = fields.Integer(required=True, strict=True, validate=RECORD_ID)
    field = fields.String(required=True, validate=validate.OneOf(CORRECTION_FIELDS))
    proposed_value = _text("note", required=True)
    explanation = _text("note")
    source_url = fields.String(allow_none=True, load_default=None,
                               validate=[validate.Length(max=LENGTHS["url"]), http_url])


PAYLOAD_SCHEMAS: dict[str, type[Schema]] = {
    "resolution": ResolutionPayloadSchema,
    "action": ActionPayloadSchema,
    "correction": CorrectionPayloadSchema,
    "dispute": CorrectionPayloadSchema,
}
