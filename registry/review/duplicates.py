"""Possible duplicates of a body described in a submission: same state and a similar name, or
the same affiliation and designation, ranked by how alike they are."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import and_, func, or_, select

from registry.database import db
from registry.models import Body

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
    candidates = [_score(body, described, affiliation, designation)
                  for body in db.session.scalars(query.limit(CANDIDATE_LIMIT))]
    kept = [c for c in candidates if c.score >= MIN_SIMILARITY]
    kept.sort(key=lambda c: (-c.score, c.body.name, c.body.id))
    return kept[:limit]


def _score(body: Body, described: dict[str, Any], affiliation: str, designation: str) -> Candidate:
    similarity = SequenceMatcher(None, normalise(described.get("name")), normalise(body.name)).ratio()
    candidate = Candidate(body, similarity, [f"name {similarity:.0%} alike"])
    if affiliation and designation and normalise(body.affiliation) == affiliation \
            and normalise(body.designation) == designation:
        candidate.score += 1.0
        candidate.reasons.insert(0, "same affiliation and designation")
    if described.get("state") and body.state == described["state"]:
        candidate.score += 0.1
        candidate.reasons.append("same state")
        if described.get("city") and normalise(body.city) == normalise(described["city"]):
            candidate.score += 0.1
            candidate.reasons.append("same city")
    return candidate
