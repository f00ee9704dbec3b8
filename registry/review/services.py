"""What reviewers see: the queue (oldest first) and everything a decision needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.database import db, utcnow
from registry.models import Action, Bill, Body, Resolution, Submission
from registry.records import services as records
from registry.review.duplicates import (
    Candidate,
    WaitingDuplicate,
    possible_duplicates,
    waiting_duplicates,
)
from registry.review.publishing import matching_resolution
from registry.vocab import parse_record_id

QUEUE_STATUSES = {
    "open": ("pending", "needs_info"),
    "pending": ("pending",),
    "needs_info": ("needs_info",),
    "published": ("published",),
    "rejected": ("rejected",),
}


def queue(filters: dict[str, Any], page: int, per_page: int = 50) -> Pagination:
    """Submissions matching the filters (status, kind, state, minimum age), oldest first."""
    query = select(Submission).where(Submission.status.in_(QUEUE_STATUSES[filters.get("status")
                                                                          or "open"]))
    if filters.get("kind"):
        query = query.where(Submission.kind == filters["kind"])
    if filters.get("state"):
        query = query.where(Submission.state == filters["state"])
    if filters.get("min_age_days"):
        query = query.where(Submission.created_at <= utcnow() - timedelta(days=filters["min_age_days"]))
    query = query.order_by(Submission.created_at, Submission.id)
    return db.paginate(query, page=min(max(page, 1), 100_000), per_page=per_page, max_per_page=200,
                       error_out=False)


def bodies_by_id(submissions: list[Submission]) -> dict[int, Body]:
    """The bodies the listed submissions name, in one query."""
    ids = {s.body_id for s in submissions if s.body_id}
    if not ids:
        return {}
    return {b.id: b for b in db.session.scalars(select(Body).where(Body.id.in_(ids)))}


@dataclass
class Review:
    """One submission with what the reviewer needs to decide on it."""

    submission: Submission
    body: Body | None
    bill: Bill | None
    candidates: list[Candidate] = field(default_factory=list)
    waiting: list[WaitingDuplicate] = field(default_factory=list)  # other open submissions
    same_record: Resolution | Action | None = None

    @property
    def on(self) -> date | None:
        """The submitted date of a resolution or an action."""
        payload = self.submission.payload
        text = payload.get("adopted_on") or payload.get("occurred_on")
        return date.fromisoformat(text) if text else None


def get_submission(submission_id: int) -> Submission | None:
    return db.session.get(Submission, submission_id)


def get_review(submission_id: int) -> Review | None:
    submission = get_submission(submission_id)
    if submission is None:
        return None
    payload = submission.payload
    body = _loaded_body(submission.body_id)
    bill = db.session.get(Bill, payload["bill_id"]) if payload.get("bill_id") else None
    review = Review(submission, body, bill)
    described = payload.get("new_body")
    if described:
        review.candidates = possible_duplicates(described)
        if submission.status in ("pending", "needs_info"):
            review.waiting = waiting_duplicates(submission)
    if body is not None and submission.status in ("pending", "needs_info"):
        review.same_record = _same_record(review)
    return review


def _loaded_body(body_id: int | None) -> Body | None:
    if body_id is None:
        return None
    return db.session.scalar(select(Body).where(Body.id == body_id).options(
        selectinload(Body.resolutions), selectinload(Body.actions)))


def _same_record(review: Review) -> Resolution | Action | None:
    """The record on the chosen body that publishing would merge into, if there is one."""
    payload, body = review.submission.payload, review.body
    if review.submission.kind == "resolution":
        return matching_resolution(body, review.bill, payload["stance"])
    if review.submission.kind == "action":
        return records.find_action(body, payload["kind"], review.on, payload["date_precision"],
                                   payload["description"])
    return None


def find_body(reference: str) -> Body | None:
    """A body by its id or its slug (the reviewer may paste either)."""
    reference = reference.strip().rstrip("/").rsplit("/", 1)[-1]
    if reference.isdigit():
        body_id = parse_record_id(reference)
        return db.session.get(Body, body_id) if body_id else None
    return db.session.scalar(select(Body).where(Body.slug == reference))
