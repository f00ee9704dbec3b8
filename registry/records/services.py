"""Create, merge and revise published records. Every change writes a Revision; nothing commits."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from registry.database import db
from registry.models import (
    Action,
    Bill,
    Body,
    Check,
    Resolution,
    Revision,
    Source,
    Submission,
    User,
)
from registry.vocab import LENGTHS

PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


@dataclass
class Provenance:
    """Who or what makes a change, recorded on every Revision."""

    reason: str
    user: User | None = None
    submission: Submission | None = None


@dataclass(frozen=True)
class SourceRef:
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published_on: date | None = None
    document_sha256: str | None = None
    document_name: str | None = None
    is_primary: bool = False


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug.isdigit():  # an all-digit slug would read as an id in /api/v1/bodies/<id-or-slug>
        slug = f"body-{slug}"
    return slug[: LENGTHS["slug"] - 8] or "body"


def unique_slug(name: str, state: str | None = None, taken: set[str] | None = None) -> str:
    """A free slug for a new body: its name, then name + state, then a number. A bulk import
    passes the slugs it knows are taken (and gets the new one added to them)."""
    base = slugify(name)
    candidates = itertools.chain([base], [f"{base}-{state.lower()}"] if state else [],
                                 (f"{base}-{n}" for n in itertools.count(2)))
    known = taken if taken is not None else set(
        db.session.scalars(select(Body.slug).where(Body.slug.like(f"{base}%"))))
    slug = next(candidate for candidate in candidates if candidate not in known)
    if taken is not None:
        taken.add(slug)
    return slug


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool | list):
        return value
    return str(value)


def record_revision(entity_type: str, entity_id: int, body_id: int | None,
                    changes: dict[str, tuple[Any, Any]], provenance: Provenance) -> Revision:
    revision = Revision(
        entity_type=entity_type, entity_id=entity_id, body_id=body_id,
        changes={k: [_jsonable(old), _jsonable(new)] for k, (old, new) in changes.items()},
        reason=provenance.reason[: LENGTHS["reason"]],
        user=provenance.user, submission=provenance.submission,
    )
    db.session.add(revision)
    return revision


def apply_changes(record: Any, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the fields that differ; return them as {field: (old, new)}."""
    changes = {}
    for field, new in values.items():
        old = getattr(record, field)
        if old != new:
            changes[field] = (old, new)
            setattr(record, field, new)
    return changes


def _entity(record: Any) -> tuple[str, int | None]:
    entity_type = {Body: "body", Resolution: "resolution", Action: "action", Bill: "bill",
                   Check: "check"}[type(record)]
    body_id = record.id if isinstance(record, Body) else getattr(record, "body_id", None)
    return entity_type, body_id


def create(record: Any, provenance: Provenance) -> Any:
    """Add a new record and write its creation Revision."""
    db.session.add(record)
    db.session.flush()
    _record_creation(record, provenance)
    return record


def create_many(records: list[Any], provenances: list[Provenance]) -> None:
    """Add new records in one flush, then write each one's creation Revision (bulk imports)."""
    db.session.add_all(records)
    db.session.flush()
    for record, provenance in zip(records, provenances, strict=True):
        _record_creation(record, provenance)


def _record_creation(record: Any, provenance: Provenance) -> None:
    entity_type, body_id = _entity(record)
    fields = {c.key: getattr(record, c.key) for c in record.__table__.columns
              if c.key not in ("id", "created_at", "updated_at", "published_at")}
    changes = {k: (None, v) for k, v in fields.items() if v not in (None, [], False)}
    record_revision(entity_type, record.id, body_id, changes, provenance)


def revise(record: Any, values: dict[str, Any], provenance: Provenance) -> dict[str, tuple[Any, Any]]:
    """Change a published record's fields, recording what changed."""
    changes = apply_changes(record, values)
    if changes:
        db.session.flush()
        entity_type, body_id = _entity(record)
        record_revision(entity_type, record.id, body_id, changes, provenance)
    return changes


def evidence_level(sources: list[Source]) -> str:
    if any(s.is_primary for s in sources):
        return "primary"
    if any(s.url for s in sources):
        return "sourced"
    return "reported"


def attach_source(record: Body | Resolution | Action, ref: SourceRef,
                  provenance: Provenance) -> bool:
    """Attach a citation unless the record already has it; keeps evidence_level current."""
    for source in record.sources:
        same_url = ref.url and source.url == ref.url
        same_doc = ref.document_sha256 and source.document_sha256 == ref.document_sha256
        if same_url or same_doc:
            return False
    source = Source(url=ref.url, title=ref.title, publisher=ref.publisher,
                    published_on=ref.published_on, document_sha256=ref.document_sha256,
                    document_name=ref.document_name, is_primary=ref.is_primary)
    record.sources.append(source)  # flushed with the next query or write: no id is needed here
    entity_type, body_id = _entity(record)
    changes: dict[str, tuple[Any, Any]] = {
        "source": (None, ref.url or ref.document_name or ref.document_sha256)}
    if not isinstance(record, Body):
        # The evidence level follows from the sources; its change is part of this revision.
        changes.update(apply_changes(record, {"evidence_level": evidence_level(record.sources)}))
    record_revision(entity_type, record.id, body_id, changes, provenance)
    return True


def better_date(current: tuple[date | None, str | None, str | None],
                candidate: tuple[date | None, str | None, str | None]) -> bool:
    """Whether a candidate (date, precision, kind) describes a resolution's date better:
    a vote date beats a reported date, a finer precision beats a coarser one, then earlier wins."""
    if candidate[0] is None:
        return False
    if current[0] is None:
        return True

    def rank(d: tuple[date | None, str | None, str | None]) -> tuple[int, int, int]:
        return (d[2] == "adopted", PRECISION_RANK.get(d[1] or "", 0), -d[0].toordinal())

    return rank(candidate) > rank(current)


def find_resolution(body: Body, bill: Bill | None, bill_as_reported: str | None,
                    stance: str) -> Resolution | None:
    """The body's resolution on the same bill (or the same unnumbered description) and stance."""
    for resolution in body.resolutions:
        if resolution.stance != stance:
            continue
        if bill is not None and resolution.bill_id == bill.id:
            return resolution
        if bill is None and resolution.bill_id is None and \
                (resolution.bill_as_reported or "").lower() == (bill_as_reported or "").lower():
            return resolution
    return None


def find_action(body: Body, kind: str, occurred_on: date | None, precision: str | None,
                description: str) -> Action | None:
    """The same event already on record: same kind on the same date, or the same undated text."""
    for action in body.actions:
        if action.kind != kind:
            continue
        if occurred_on is not None and (action.occurred_on, action.date_precision) == \
                (occurred_on, precision):
            return action
        if occurred_on is None and action.occurred_on is None and \
                action.description.strip().lower() == description.strip().lower():
            return action
    return None
