"""A reviewer's decision on a submission. Publishing turns the payload into published records
through the record services, so every changed field gets a Revision; nothing here commits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import update

from registry.database import db, utcnow
from registry.districts.placement import assign_districts
from registry.followthrough.status import refresh_statuses
from registry.geo import place_for_body
from registry.models import Action, Bill, Body, Check, Resolution, Submission, User
from registry.records import services as records
from registry.records.services import Provenance, SourceRef
from registry.review.corrections import apply_correction, checked_value
from registry.submissions.schemas import PAYLOAD_SCHEMAS
from registry.textrules import has_visible_text
from registry.vocab import CORRECTABLE_BODY_FIELDS

OPEN_STATUSES = ("pending", "needs_info")
FILLABLE_BODY_FIELDS = ("affiliation", "designation", "city", "zip")


class DecisionError(ValueError):
    """The decision cannot be carried out; `field` names the form field at fault."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Decision:
    action: str  # publish_new, publish_merge, reject, needs_info
    review_note: str | None = None
    internal_note: str | None = None
    merge_into: Body | None = None
    link_is_primary: bool = False
    applied_value: str | None = None  # corrections: the value to write, as checked by the reviewer


def decide(submission: Submission, decision: Decision, reviewer: User) -> Body | None:
    """Carry out a decision; returns the body the record was published on, if any."""
    if decision.action in ("reject", "needs_info") and not has_visible_text(decision.review_note or ""):
        raise DecisionError("review_note", "Say why, in a note the submitter will read.")
    if decision.action == "publish_merge" and decision.merge_into is None:
        raise DecisionError("merge_into", "Choose the body to publish it on.")
    if decision.action == "publish_new" and not submission.payload.get("new_body"):
        raise DecisionError("decision", "This submission names a body already in the registry.")
    status = {"reject": "rejected", "needs_info": "needs_info"}.get(decision.action, "published")
    correction = submission.kind in ("correction", "dispute")
    if correction and status == "published":
        value = _correction_value(submission, decision)
    _claim(submission, status, decision, reviewer)
    if status != "published":
        return None
    provenance = Provenance(reason=f"Published from submission #{submission.id}", user=reviewer,
                            submission=submission)
    if correction:
        body = decision.merge_into
        apply_correction(body, submission.payload["field"], value, _source_refs(submission, decision),
                         provenance)
    else:
        body = _target_body(submission, decision, provenance)
        publish = {"resolution": _publish_resolution, "action": _publish_action,
                   "check": _publish_check}[submission.kind]
        publish(submission, body, decision, provenance)
    db.session.flush()
    refresh_statuses([body.id])
    assign_districts([body.id])  # a new body, or a corrected address
    submission.body_id = body.id
    submission.state = body.state
    return body


def _correction_value(submission: Submission, decision: Decision) -> Any:
    field = submission.payload["field"]
    if field not in CORRECTABLE_BODY_FIELDS:
        return None
    try:
        return checked_value(field, decision.applied_value)
    except ValueError as error:
        raise DecisionError("applied_value", str(error)) from error


def _claim(submission: Submission, status: str, decision: Decision, reviewer: User) -> None:
    """Move the submission out of the queue in one conditional UPDATE, so that two reviewers
    deciding at once cannot both publish it."""
    result = db.session.execute(
        update(Submission)
        .where(Submission.id == submission.id, Submission.status.in_(OPEN_STATUSES))
        .values(status=status, reviewer_id=reviewer.id, updated_at=utcnow(),
                # Asking for more information decides nothing yet.
                decided_at=None if status == "needs_info" else utcnow(),
                review_note=decision.review_note, internal_note=decision.internal_note)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise DecisionError("decision", "This submission has been decided already.")
    db.session.refresh(submission)


def _load(submission: Submission) -> dict[str, Any]:
    kind = "correction" if submission.kind == "dispute" else submission.kind
    try:
        return PAYLOAD_SCHEMAS[kind]().load(
            {k: v for k, v in submission.payload.items() if k != "document"})
    except ValidationError as error:  # e.g. a bill deleted since, or rules changed
        raise DecisionError("decision", f"The submitted data no longer validates: "
                                        f"{error.normalized_messages()}") from error


def _source_refs(submission: Submission, decision: Decision) -> list[SourceRef]:
    refs = []
    if submission.payload.get("source_url"):
        refs.append(SourceRef(url=submission.payload["source_url"], is_primary=decision.link_is_primary))
    document = submission.payload.get("document")
    if document:
        # An upload is the signed resolution, the minutes or an officer's letter.
        refs.append(SourceRef(document_sha256=document["sha256"], document_name=document["name"],
                              is_primary=True))
    for answer in submission.answers:  # a PDF sent in answer to the reviewer's question
        if answer.document_sha256 and answer.document_sha256 not in {r.document_sha256 for r in refs}:
            refs.append(SourceRef(document_sha256=answer.document_sha256,
                                  document_name=answer.document_name, is_primary=True))
    return refs


def _target_body(submission: Submission, decision: Decision, provenance: Provenance) -> Body:
    described = submission.payload.get("new_body") or {}
    if decision.action == "publish_merge":
        body = decision.merge_into
        fill = {k: described[k] for k in FILLABLE_BODY_FIELDS
                if described.get(k) and getattr(body, k) in (None, "")}
        records.revise(body, fill, provenance)
        return body
    place = place_for_body(described.get("city"), described.get("state"), described.get("zip"))
    body = Body(slug=records.unique_slug(described["name"], described.get("state")),
                name=described["name"], level=described["level"],
                affiliation=described.get("affiliation"), designation=described.get("designation"),
                city=described.get("city"), state=described.get("state"), zip=described.get("zip"))
    if place is not None:
        body.latitude, body.longitude, body.geocode_precision = (place.latitude, place.longitude,
                                                                 place.precision)
    return records.create(body, provenance)


def _credit(submission: Submission) -> str | None:
    return submission.submitter_name if submission.credit_public else None


def _fill_empty(record: Any, values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "", []) and getattr(record, k) in
            (None, "", [])}


def _publish_resolution(submission: Submission, body: Body, decision: Decision,
                        provenance: Provenance) -> Resolution:
    data = _load(submission)
    bill = db.session.get(Bill, data["bill_id"]) if data["bill_id"] else None
    resolution = matching_resolution(body, bill, data["stance"])
    dating = {"adopted_on": data["adopted_on"], "date_precision": data["date_precision"],
              "date_kind": "adopted"}
    refs = _source_refs(submission, decision)
    # The signed resolution or minutes (uploaded, or linked as primary) is the record itself.
    adoption = "record" if any(ref.is_primary for ref in refs) else "report"
    if resolution is None:
        resolution = records.create(Resolution(
            body=body, bill=bill, stance=data["stance"], title=data["title"], summary=data["summary"],
            text=data["text"], commitments=data["commitments"], credited_to=_credit(submission),
            adoption_evidence=adoption, **dating), provenance)
    else:
        changes = _fill_empty(resolution, {"summary": data["summary"], "text": data["text"],
                                           "credited_to": _credit(submission)})
        current = (resolution.adopted_on, resolution.date_precision, resolution.date_kind)
        if records.better_date(current, (data["adopted_on"], data["date_precision"], "adopted")):
            changes.update(dating)
        merged = sorted(set(resolution.commitments or []) | set(data["commitments"]))
        if merged != sorted(resolution.commitments or []):
            changes["commitments"] = merged
        if adoption == "record" and resolution.adoption_evidence != "record":
            changes["adoption_evidence"] = adoption
        records.revise(resolution, changes, provenance)
    for ref in refs:
        records.attach_source(resolution, ref, provenance)
    return resolution


def matching_resolution(body: Body, bill: Bill | None, stance: str) -> Resolution | None:
    """The body's resolution on the same bill and stance; for "in general", any one naming
    no bill (however the source worded it)."""
    if bill is not None:
        return records.find_resolution(body, bill, None, stance)
    return next((r for r in body.resolutions if r.bill_id is None and r.stance == stance), None)


def _publish_action(submission: Submission, body: Body, decision: Decision,
                    provenance: Provenance) -> Action:
    data = _load(submission)
    action = records.find_action(body, data["kind"], data["occurred_on"], data["date_precision"],
                                 data["description"])
    if action is None:
        action = records.create(Action(
            body=body, kind=data["kind"], occurred_on=data["occurred_on"],
            date_precision=data["date_precision"], description=data["description"],
            participants=data["participants"], amount_usd=data["amount_usd"],
            scope=data["scope"], credited_to=_credit(submission)), provenance)
    else:
        records.revise(action, _fill_empty(action, {
            "participants": data["participants"], "amount_usd": data["amount_usd"],
            "credited_to": _credit(submission)}), provenance)
    for ref in _source_refs(submission, decision):
        records.attach_source(action, ref, provenance)
    return action


def _publish_check(submission: Submission, body: Body, decision: Decision,
                   provenance: Provenance) -> Check:
    """A member's "we looked: nothing since the resolution", as a public check (by role only)."""
    data = _load(submission)
    places = [line.strip() for line in data["searched"].splitlines() if line.strip()]
    if data.get("source_url") and data["source_url"] not in places:
        places.append(data["source_url"])
    return records.create(Check(
        body=body, checked_on=data["checked_on"], checked_by=submission.submitter_role or "member",
        searched="\n".join(places), result="nothing_found", summary=data.get("summary"),
        credited_to=_credit(submission)), provenance)
