"""The contract of a submission: what a member may submit, validated the same way whether it
comes from the HTML forms or the API. The payload is stored as the dump of these schemas and
loaded back through them when a reviewer publishes it."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from registry.accounts.services import EMAIL
from registry.fields import (
    Cents,
    FullMatch,
    StrictBoolean,
    TextRules,
    not_before_earliest_year,
    text_field,
    text_pattern,
)
from registry.followthrough.ladder import ACTION_KINDS
from registry.followthrough.status import today
from registry.records.rows import http_url
from registry.text import N_
from registry.vocab import (
    ACTION_SCOPES,
    COMMITMENTS,
    CORRECTION_FIELDS,
    DATE_PRECISIONS,
    EARLIEST_YEAR,
    LENGTHS,
    LEVELS,
    MAX_RECORD_ID,
    STANCES,
    STATE_CODES,
    SUBMITTER_ROLES,
)

ZIP_CODE = r"^[0-9]{5}(-[0-9]{4})?$"
RECORD_ID = validate.Range(1, MAX_RECORD_ID)


def _text(length: str, required: bool = False, multiline: bool = False,
          description: str = "") -> fields.String:
    """Text within the shared length and registry.textrules: PostgreSQL, the review pages, the
    CSV, JSON and Atom outputs can all hold it."""
    return text_field(LENGTHS[length], required=required, multiline=multiline,
                      description=description)


def _url(description: str) -> fields.String:
    return fields.String(allow_none=True, load_default=None, metadata={
        "description": description, "pattern": text_pattern()},
        validate=[validate.Length(max=LENGTHS["url"]), TextRules(), http_url])


# Years from EARLIEST_YEAR (1900) on, stated as a pattern for the OpenAPI document.
SINCE_EARLIEST_YEAR = r"^(19[0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}$"


def _date(description: str) -> fields.Date:
    return fields.Date(required=True, validate=not_before_earliest_year, metadata={
        "description": description, "pattern": SINCE_EARLIEST_YEAR})


class NewBodySchema(Schema):
    """A union body the member could not find in the registry."""

    name = _text("name", required=True, description="Name of the body.")
    level = fields.String(required=True, validate=validate.OneOf(LEVELS),
                          metadata={"description": "Level of the body."})
    affiliation = _text("affiliation", description="National union or federation.")
    designation = _text("designation", description="Local number or name.")
    city = _text("city", description="City.")
    state = fields.String(required=True, validate=validate.OneOf(STATE_CODES),
                          metadata={"description": "Two-letter state code."})
    zip = fields.String(allow_none=True, load_default=None, validate=FullMatch(
        ZIP_CODE, error=N_("Use a 5-digit ZIP code (or ZIP+4).")), metadata={"description": "ZIP code."})


class SubmitterSchema(Schema):
    """Who submitted: private to reviewers, except the name when credit is chosen."""

    name = _text("person_name", description="Your name; required for public credit.")
    email = fields.String(required=True, validate=[
        validate.Length(max=LENGTHS["email"]),
        TextRules(),
        FullMatch(EMAIL, error=N_("Enter an email address such as name@example.org.")),
    ], metadata={"description": "Where a reviewer can reach you; never published."})
    role = fields.String(required=True, validate=validate.OneOf(SUBMITTER_ROLES),
                         metadata={"description": "Your role in the body."})
    # JSON true or false only (the form gives a bool), as the document's `boolean` says.
    credit_public = StrictBoolean(load_default=False, metadata={
        "description": "true: show your name with the record once published."})

    @validates_schema
    def name_for_credit(self, data: dict[str, Any], **kwargs) -> None:
        if data.get("credit_public") and not data.get("name"):
            raise ValidationError(N_("Give your name to be credited, or untick the credit box."),
                                  "name")


def check_not_future(on: date | None, field_name: str) -> None:
    if on is not None and on > today():
        raise ValidationError(N_("That date is in the future: report only what has happened."),
                              field_name)


class _TargetSchema(Schema):
    """Exactly one of: a body already in the registry, or a new one described."""

    body_id = fields.Integer(allow_none=True, load_default=None, strict=True, validate=RECORD_ID,
                             metadata={"description": "A body from GET /bodies (its id); or give new_body."})
    new_body = fields.Nested(NewBodySchema, allow_none=True, load_default=None, metadata={
        "description": "A body not yet in the registry; or give body_id (exactly one of the two)."})
    source_url = _url("A public http(s) page stating it.")

    @validates_schema
    def one_body(self, data: dict[str, Any], **kwargs) -> None:
        if (data.get("body_id") is None) == (data.get("new_body") is None):
            raise ValidationError(
                N_("Choose a body from the registry or describe a new one (not both)."), "body_id")


class ResolutionPayloadSchema(_TargetSchema):
    """A resolution a body adopted."""

    bill_id = fields.Integer(allow_none=True, load_default=None, strict=True, validate=RECORD_ID, metadata={
        "description": "A bill from GET /bills; null for Medicare for All in general."})
    stance = fields.String(required=True, validate=validate.OneOf(STANCES),
                           metadata={"description": "support or oppose."})
    adopted_on = _date(f"When it was adopted ({EARLIEST_YEAR} or later, not in the future).")
    date_precision = fields.String(required=True, validate=validate.OneOf(DATE_PRECISIONS),
                                   metadata={"description": "How much of the date is known."})
    title = _text("title", required=True, description="Its title.")
    summary = _text("summary", required=True, multiline=True, description="What it says, briefly.")
    text = _text("text", multiline=True, description="Its full text, if you have it.")
    commitments = fields.List(fields.String(validate=validate.OneOf(COMMITMENTS)), load_default=list,
                              metadata={"description": "What it promised."})

    @validates_schema
    def dated_in_the_past(self, data: dict[str, Any], **kwargs) -> None:
        check_not_future(data.get("adopted_on"), "adopted_on")


class ActionPayloadSchema(_TargetSchema):
    """A follow-through action a body took."""

    kind = fields.String(required=True, validate=validate.OneOf(ACTION_KINDS),
                         metadata={"description": "Kind of action (see the ladder)."})
    occurred_on = _date(f"When it happened ({EARLIEST_YEAR} or later, not in the future).")
    date_precision = fields.String(required=True, validate=validate.OneOf(DATE_PRECISIONS),
                                   metadata={"description": "How much of the date is known."})
    description = _text("description", required=True, multiline=True,
                        description="What happened.")
    participants = fields.Integer(allow_none=True, load_default=None,
                                  validate=validate.Range(0, 10_000_000),
                                  metadata={"description": "How many took part."})
    amount_usd = Cents(allow_none=True, load_default=None, validate=validate.Range(0, 1_000_000_000),
                       metadata={"description": "US dollars given, to the cent."})
    scope = fields.String(load_default="single_payer", validate=validate.OneOf(ACTION_SCOPES), metadata={
        "description": "What it was for: federal_bill, state_bill, single_payer, or health_reform "
                       "(other health reform: shown, never counted)."})

    @validates_schema
    def dated_in_the_past(self, data: dict[str, Any], **kwargs) -> None:
        check_not_future(data.get("occurred_on"), "occurred_on")


class CheckPayloadSchema(_TargetSchema):
    """A member's report that they looked into a body's follow-through and found none."""

    checked_on = fields.Date(required=True,
                             metadata={"description": "The day you looked (not in the future)."})
    searched = _text("searched", required=True, multiline=True, description=(
        "Where you looked: meeting minutes, newsletters, the body's website, news archives (one "
        "per line)."))
    summary = _text("note", multiline=True, description="What you found, in short.")

    @validates_schema
    def dated_in_the_past(self, data: dict[str, Any], **kwargs) -> None:
        check_not_future(data.get("checked_on"), "checked_on")


class CorrectionPayloadSchema(Schema):
    """A correction of one field of a body (a correction of `tier` is a dispute)."""

    body_id = fields.Integer(required=True, strict=True, validate=RECORD_ID,
                             metadata={"description": "The body to correct (its id)."})
    field = fields.String(required=True, validate=validate.OneOf(CORRECTION_FIELDS),
                          metadata={"description": "Which field is wrong."})
    proposed_value = _text("note", required=True, multiline=True, description="What it should say.")
    explanation = _text("note", multiline=True, description="Why.")
    source_url = _url("A public http(s) page stating it.")


PAYLOAD_SCHEMAS: dict[str, type[Schema]] = {
    "resolution": ResolutionPayloadSchema,
    "action": ActionPayloadSchema,
    "correction": CorrectionPayloadSchema,
    "dispute": CorrectionPayloadSchema,
    "check": CheckPayloadSchema,
}
