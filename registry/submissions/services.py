"""Taking a member's submission into the moderation queue, and showing the submitter its status.

Nothing here creates a published record: the submission keeps its payload until a reviewer
decides (see registry.review)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import gettext
from itsdangerous import BadSignature, URLSafeSerializer
from marshmallow import ValidationError
from sqlalchemy import select

from registry.bodies.services import filtered_bodies, ordered
from registry.database import db
from registry.documents import storage
from registry.documents.storage import CheckedDocument
from registry.languages import current
from registry.models import Bill, Body, Submission
from registry.submissions.schemas import PAYLOAD_SCHEMAS, SubmitterSchema
from registry.text import N_

SEARCH_LIMIT = 20
DEFAULT_RATE_LIMIT = "20 per hour; 5 per minute"


def submission_rate_limit() -> str:
    """What one address may POST, the forms and the API together (one shared budget)."""
    return current_app.config.get("SUBMISSION_RATE_LIMIT") or DEFAULT_RATE_LIMIT


class SubmissionError(ValueError):
    """The submission is invalid; `errors` maps each bad field to its messages."""

    def __init__(self, errors: dict[str, Any]):
        self.errors = errors
        super().__init__(str(errors))


@dataclass(frozen=True)
class Receipt:
    """What the submitter gets back: the submission and its private tracking token."""

    submission: Submission
    token: str
    created: bool


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tracking_token(form_key: str | None) -> str:
    """A long, unguessable token. A form's one-time key derives it (keyed with the app secret),
    so that posting the same form twice finds the first submission instead of storing two."""
    if not form_key:
        return secrets.token_urlsafe(32)
    secret = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(secret, b"submission-token:" + form_key.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def validate(kind: str, payload: dict[str, Any], submitter: dict[str, Any]) -> tuple[dict, dict]:
    """Load the payload and the submitter through the shared schemas, and check what they
    refer to exists. Raises SubmissionError naming every bad field."""
    errors: dict[str, Any] = {}
    data: dict[str, Any] = {}
    who: dict[str, Any] = {}
    try:
        data = PAYLOAD_SCHEMAS[kind]().load(payload)
    except ValidationError as error:
        errors.update(error.normalized_messages())
    try:
        who = SubmitterSchema().load(submitter)
    except ValidationError as error:
        errors.update({f"submitter_{k}": v for k, v in error.normalized_messages().items()})
    if data.get("body_id") is not None and db.session.get(Body, data["body_id"]) is None:
        errors["body_id"] = [N_("No union body in the registry has that id.")]
    if data.get("bill_id") is not None and db.session.get(Bill, data["bill_id"]) is None:
        errors["bill_id"] = [N_("No bill in the registry has that id.")]
    if errors:
        raise SubmissionError(errors)
    return data, who


def submit(kind: str, payload: dict[str, Any], submitter: dict[str, Any],
           document: CheckedDocument | None = None, form_key: str | None = None,
           spam: bool = False) -> Receipt:
    """Queue a submission for review (kind: resolution, action or correction).

    A correction of the tier is filed as a `dispute`. Re-posting the same form with the same
    content returns the submission already stored. A spam catch (the forms' trap was filled) is
    stored apart, as `spam`, without its upload: never reviewed, answered like any other."""
    data, who = validate(kind, payload, submitter)
    if spam:
        document = None
    schema = PAYLOAD_SCHEMAS[kind]()
    stored = schema.dump(data)
    if kind == "correction" and data["field"] == "tier":
        kind = "dispute"
    if document is not None:
        stored["document"] = {"sha256": document.sha256, "name": document.name}
    token = tracking_token(form_key)
    earlier = find_by_token(token)
    if earlier is not None:
        if earlier.kind == kind and earlier.payload == stored:
            return Receipt(earlier, token, created=False)
        token = tracking_token(None)  # the same form reused for something else: a new submission
    body = db.session.get(Body, data["body_id"]) if data.get("body_id") else None
    state = body.state if body else (data.get("new_body") or {}).get("state")
    if document is not None:
        storage.store(document)
    submission = Submission(
        kind=kind, status="spam" if spam else "pending", payload=stored,
        body_id=body.id if body else None, state=state,
        document_sha256=document.sha256 if document else None,
        submitter_name=who.get("name"), submitter_email=who["email"].strip().lower(),
        submitter_role=who["role"], credit_public=who["credit_public"], token_hash=hash_token(token),
        language=current(),
    )
    db.session.add(submission)
    db.session.flush()
    return Receipt(submission, token, created=True)


def find_by_token(token: str) -> Submission | None:
    """The submission a tracking link names: by its token, or by the signed reference emails carry."""
    if not token or len(token) > 100:
        return None
    if "." in token:  # tokens are URL-safe base64, without dots; signed references have them
        return _find_by_mail_reference(token)
    return db.session.scalar(select(Submission).where(Submission.token_hash == hash_token(token)))


# The database keeps only a hash of each tracking token, and the token itself is shown once, at
# submission. An email sent when a reviewer decides carries instead a reference signed with the
# app's secret, bound to the submission and its token hash: reading the database does not give
# working links, and nobody without the secret can make one.
MAIL_REFERENCE_SALT = "submission-mail-link"


def _mail_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=MAIL_REFERENCE_SALT)


def mail_reference(submission: Submission) -> str:
    """A tracking-link token for emails to the submitter (see MAIL_REFERENCE_SALT)."""
    return _mail_serializer().dumps([submission.id, submission.token_hash[:16]])


def _find_by_mail_reference(reference: str) -> Submission | None:
    try:
        submission_id, hash_start = _mail_serializer().loads(reference)
    except (BadSignature, TypeError, ValueError):
        return None
    if not isinstance(submission_id, int) or not isinstance(hash_start, str):
        return None
    submission = db.session.get(Submission, submission_id)
    if submission is None or not hmac.compare_digest(submission.token_hash[:16], hash_start):
        return None
    return submission


def search_bodies(text: str | None, limit: int = SEARCH_LIMIT) -> list[Body]:
    """Bodies whose name, affiliation, designation or city contains the text (the listing's
    own text filter), for the body picker."""
    text = (text or "").strip()
    if len(text) < 2:
        return []
    query = ordered(filtered_bodies({"q": text}, paged=True), "name").limit(limit)
    return list(db.session.scalars(query))


def get_body(body_id: int | None) -> Body | None:
    return db.session.get(Body, body_id) if body_id else None


def get_body_by_slug(slug: str) -> Body | None:
    return db.session.scalar(select(Body).where(Body.slug == slug))


def bill_choices() -> list[tuple[int, str]]:
    """Bills for the form, grouped by family, newest first within each family."""
    bills = db.session.scalars(select(Bill).order_by(Bill.family, Bill.introduced_on.desc(), Bill.code))
    return [(bill.id, bill_label(bill)) for bill in bills]


BILL_TITLE_CHARS = 48


def bill_label(bill: Bill) -> str:
    """A bill as the form lists it: code, a short title, and its Congress (or state) and year, so
    that bills of the same name can be told apart ("HR 1384 — Medicare for All Act of 2019
    (116th Congress, 2019)"; "… (116.º Congreso, 2019)" in Spanish). Short enough for a phone."""
    title = bill.title.split(" (", 1)[0].split(";", 1)[0].strip()
    if len(title) > BILL_TITLE_CHARS:
        title = title[:BILL_TITLE_CHARS - 1].rstrip() + "…"
    where = gettext("%(ordinal)s Congress", ordinal=reader_ordinal(bill.congress)) \
        if bill.congress else bill.jurisdiction
    when = [where] if where else []
    if bill.introduced_on:
        when.append(str(bill.introduced_on.year))
    return f"{bill.code} — {title}" + (f" ({', '.join(when)})" if when else "")


def reader_ordinal(number: int) -> str:
    """An ordinal number as the reader writes it: 116th, or 116.º in Spanish."""
    return f"{number}.º" if current() == "es" else ordinal(number)


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
