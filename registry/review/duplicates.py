"""Possible duplicates of a body described in a submission: bodies on record, and other waiting
submissions describing a new body, with the same state and a similar name, or the same
affiliation and designation, ranked by how alike they are."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import and_, func, or_, select

from registry.database import db
from registry.models import Body, Submission

# Words so common in union names that sharing them says nothing.
COMMON_WORDS = frozenset((
    "a", "an", "and", "of", "the", "for", "in", "at", "on", "to", "union", "unions", "local", "locals",
    "council", "councils", "labor", "labour", "federation", "workers", "worker", "association",
    "district", "international", "national", "state", "county", "city", "area", "central", "afl", "cio",
    "afl-cio", "united", "brotherhood", "retirees", "retired", "chapter", "lodge", "division",
))
MIN_SIMILARITY = 0.55
CANDIDATE_LIMIT = 300


@dataclass
class Candidate:
    body: Body
    score: float
    reasons: list[str] = field(default_factory=list)


def normalise(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def telling_words(name: str) -> list[str]:
    """Words of a name worth searching for: numbers and uncommon words."""
    words = [w for w in normalise(name).split() if w not in COMMON_WORDS]
    return [w for w in words if w.isdigit() or len(w) >= 3][:6]


def possible_duplicates(described: dict[str, Any], exclude_id: int | None = None,
                        limit: int = 5) -> list[Candidate]:
    """Bodies in the registry that may be the one described (name, state, affiliation,
    designation, city), best match first."""
    name, state = described.get("name") or "", described.get("state")
    affiliation = normalise(described.get("affiliation"))
    designation = normalise(described.get("designation"))
    conditions = []
    words = telling_words(name)
    if state and words:
        conditions.append(and_(Body.state == state, or_(
            *(func.lower(Body.name).like(f"%{word}%") for word in words))))
    if affiliation and designation:
        conditions.append(and_(func.lower(Body.affiliation) == described["affiliation"].strip().lower(),
                               func.lower(Body.designation) == described["designation"].strip().lower()))
    if not conditions:
        return []
    query = select(Body).where(or_(*conditions))
    if exclude_id is not None:
        query = query.where(Body.id != exclude_id)
    candidates = [_score(body, described)
                  for body in db.session.scalars(query.limit(CANDIDATE_LIMIT))]
    kept = [c for c in candidates if c.score >= MIN_SIMILARITY]
    kept.sort(key=lambda c: (-c.score, c.body.name, c.body.id))
    return kept[:limit]


def _score(body: Body, described: dict[str, Any]) -> Candidate:
    score, reasons = likeness(described, {"name": body.name, "affiliation": body.affiliation,
                                          "designation": body.designation, "state": body.state,
                                          "city": body.city})
    return Candidate(body, score, reasons)


def likeness(described: dict[str, Any], other: dict[str, Any]) -> tuple[float, list[str]]:
    """How alike two descriptions of a body are (name, affiliation and designation, state, city),
    and why."""
    similarity = SequenceMatcher(None, normalise(described.get("name")), normalise(other.get("name"))
                                 ).ratio()
    score, reasons = similarity, [f"name {similarity:.0%} alike"]
    affiliation, designation = normalise(described.get("affiliation")), normalise(
        described.get("designation"))
    if affiliation and designation and normalise(other.get("affiliation")) == affiliation \
            and normalise(other.get("designation")) == designation:
        score += 1.0
        reasons.insert(0, "same affiliation and designation")
    if described.get("state") and other.get("state") == described["state"]:
        score += 0.1
        reasons.append("same state")
        if described.get("city") and normalise(other.get("city")) == normalise(described["city"]):
            score += 0.1
            reasons.append("same city")
    return score, reasons


@dataclass
class WaitingDuplicate:
    """Another submission, still waiting, that describes what may be the same new body."""

    submission: Submission
    score: float
    reasons: list[str] = field(default_factory=list)


def waiting_duplicates(submission: Submission, limit: int = 5) -> list[WaitingDuplicate]:
    """Other pending (or needing information) submissions describing a new body like this one's,
    best match first: each flags the other, as bodies on record are flagged."""
    described = submission.payload.get("new_body")
    if not described:
        return []
    query = select(Submission).where(Submission.status.in_(("pending", "needs_info")),
                                     Submission.id != submission.id, Submission.body_id.is_(None))
    if described.get("state"):
        query = query.where(Submission.state == described["state"])
    found = []
    for other in db.session.scalars(query.order_by(Submission.id).limit(CANDIDATE_LIMIT)):
        other_body = (other.payload or {}).get("new_body")
        if not other_body:
            continue
        score, reasons = likeness(described, other_body)
        if score >= MIN_SIMILARITY:
            found.append(WaitingDuplicate(other, score, reasons))
    found.sort(key=lambda d: (-d.score, d.submission.id))
    return found[:limit]
