"""POST /api/v1/submissions: a member's resolution, action or correction, validated by the same
schemas and queued for the same review as the forms. Nothing is published here."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields
from marshmallow.validate import OneOf

from registry.api import examples, json_input
from registry.api.spec import ApiErrorSchema, error_example
from registry.database import db
from registry.fields import FullMatch
from registry.main.errors import PRIVATE
from registry.main.links import site_url_for
from registry.submissions import budget, services
from registry.submissions.schemas import (
    ActionPayloadSchema,
    CorrectionPayloadSchema,
    ResolutionPayloadSchema,
    SubmitterSchema,
)

blp = Blueprint("api_submissions", __name__, url_prefix="/submissions",
                description="Member submissions, queued for review.")

# Up to one billion dollars, in cents at most: ActionPayloadSchema's rule, as a pattern.
AMOUNT = r"^([0-9]{1,9}(\.[0-9]{1,2})?|1000000000(\.0{1,2})?)$"


class ActionPayloadDocSchema(ActionPayloadSchema):
    """A follow-through action a body took (the amount as a decimal string or a number)."""

    # Documentation only (validation is ActionPayloadSchema's): apispec would write a decimal
    # field's bounds as strings, which OpenAPI does not allow.
    amount_usd = fields.String(allow_none=True, load_default=None, validate=FullMatch(AMOUNT), metadata={
        "description": "US dollars given, to the cent (at most two decimals: a fraction of a cent is "
                       "refused, not rounded), at most 1,000,000,000.00.", "example": "2500.00",
        "type": ["string", "number"], "minimum": 0, "maximum": 1_000_000_000})


KINDS = {"resolution": ResolutionPayloadSchema, "action": ActionPayloadSchema,
         "correction": CorrectionPayloadSchema}
DOCUMENTED = {**KINDS, "action": ActionPayloadDocSchema}


def envelope(kind: str, payload: type[Schema]) -> type[Schema]:
    """The request body for one kind: {kind, payload, submitter}."""
    attributes = {
        "__doc__": f"A {kind} submission.",
        "kind": fields.String(required=True, validate=OneOf([kind]), metadata={
            "description": "What is submitted.", "example": kind}),
        "payload": fields.Nested(payload, required=True, metadata={"description": "The record."}),
        "submitter": fields.Nested(SubmitterSchema, required=True, metadata={
            "description": "Who submits: private to reviewers, except the name when credit is chosen."}),
    }
    return type(f"{kind.title()}SubmissionSchema", (Schema,), attributes)


ENVELOPES = {kind: envelope(kind, schema) for kind, schema in DOCUMENTED.items()}


class ReceiptSchema(Schema):
    """The answer to a submission: where the submitter follows its review."""

    kind = fields.String(metadata={"description": "resolution, action, correction or dispute.",
                                   "example": "resolution"})
    status = fields.String(metadata={"description": "Always `pending`: a reviewer decides.",
                                     "example": "pending"})
    tracking_url = fields.String(metadata={
        "description": "Private address showing the review status. Keep it: it is shown once.",
        "example": "https://registry.example/submissions/3q2-…"})
    message = fields.String(metadata={"description": "What happens next.", "example": "…"})


REQUEST_BODY = {
    "required": True,
    "description": "One submission: `kind` says which payload follows.",
    "content": {"application/json": {
        "schema": {"oneOf": list(ENVELOPES.values()), "discriminator": {"propertyName": "kind"}},
        "example": examples.SUBMISSION,
    }},
}


def json_body() -> Any:
    """The request's JSON document, read strictly (json_input.parse); None when it is not JSON."""
    if not request.is_json:
        return None
    try:
        return json_input.parse(request.get_data(as_text=True))
    except json_input.JsonInputError as error:
        abort(422, message=error.message, errors={"json": error.errors})


INVALID = "The submission is invalid; nothing was stored."


def split_errors(errors: dict[str, Any]) -> dict[str, Any]:
    """The service's flat field errors, grouped as the request body is: payload and submitter."""
    grouped: dict[str, dict[str, Any]] = {}
    for name, messages in errors.items():
        if name.startswith("submitter_"):
            grouped.setdefault("submitter", {})[name.removeprefix("submitter_")] = messages
        else:
            grouped.setdefault("payload", {})[name] = messages
    return grouped


@blp.post("")
@blp.doc(requestBody=REQUEST_BODY)
@blp.response(201, ReceiptSchema, example=examples.RECEIPT)
@blp.alt_response(422, schema=ApiErrorSchema, description="Invalid submission: nothing was stored.",
                  example=error_example(422, "Unprocessable Entity", INVALID, {"json": {"payload": {
                      "body_id": ["No union body in the registry has that id."]}}}))
@blp.alt_response(429, schema=ApiErrorSchema, description=(
    "Too many submissions (or attempts) from this address; `Retry-After` says when to try again."),
                  example=error_example(429, "Too Many Requests", (
                      "You have sent as many submissions as one connection may send for now "
                      "(5 a minute, 20 an hour), so this one was not saved yet. Please send it "
                      "again in 42 seconds.")))
def create():
    """Submit a record for review

    The same validation and the same moderation queue as the forms: nothing is published until
    a reviewer checks it. The answer gives the private address where the submitter follows the
    review."""
    # The forms' budgets: one address may send so many submissions, by form or by API together.
    over = budget.spend_attempt()
    if over is not None:
        abort(429, message=over.message, headers={"Retry-After": str(over.retry_after)})
    data = json_body()
    if not isinstance(data, dict):
        abort(422, message="Send a JSON object.", errors={"json": {"_schema": ["Not a JSON object."]}})
    unknown = sorted(set(data) - {"kind", "payload", "submitter"})
    if unknown:
        abort(422, message=INVALID, errors={"json": {name: ["Unknown field."] for name in unknown}})
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        abort(422, message="Unknown kind.",
              errors={"json": {"kind": [f"Must be one of: {', '.join(KINDS)}."]}})
    try:
        receipt = services.submit(kind, data.get("payload") or {}, data.get("submitter") or {})
    except services.SubmissionError as error:
        abort(422, message=INVALID,
              errors={"json": split_errors(error.errors)})
    over = budget.stored_over_limit()
    if over is not None:
        db.session.rollback()
        abort(429, message=over.message, headers={"Retry-After": str(over.retry_after)})
    db.session.commit()
    budget.count_stored()
    return {"kind": receipt.submission.kind, "status": receipt.submission.status,
            "tracking_url": site_url_for("submissions.track", token=receipt.token),
            "message": examples.RECEIPT["message"]}, 201, {"Cache-Control": PRIVATE}
