"""A body's revision history in the words people use: field labels, bill codes, body names,
commitment labels, dates at their precision, and where a change came from described plainly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from registry.database import db
from registry.followthrough.ladder import ACTION_KINDS
from registry.models import Bill, Body, Revision
from registry.text import format_partial_date
from registry.vocab import (
    ACTION_SCOPES,
    ADOPTION_EVIDENCE,
    CHECK_RESULTS,
    CHECKERS,
    COMMITMENTS,
    DATE_KINDS,
    EVIDENCE_LEVELS,
    GEOCODE_PRECISIONS,
    LEVELS,
    ORGANIZATION_TYPES,
    STANCES,
)

RECORDS = {"body": "Body details", "resolution": "Resolution", "action": "Action",
           "source": "Source", "bill": "Bill", "check": "Follow-through check"}

LABELS = {
    "name": "Name", "slug": "Web address", "level": "Level", "affiliation": "Affiliation",
    "designation": "Designation", "parent_id": "Parent body", "olms_file_number": "OLMS file number",
    "city": "City", "state": "State", "zip": "ZIP code", "geocode_precision": "Placed on the map by",
    "members": "Members", "members_year": "Members counted in",
    "members_source_url": "Source of the membership figure",
    "website": "Website", "public_contact": "Public contact", "organization_type": "Kind of organization",
    "bill_id": "Bill", "bill_as_reported": "Bill as the source names it", "stance": "Stance",
    "adopted_on": "Adopted", "date_kind": "Date", "title": "Title", "summary": "Summary", "text": "Text",
    "commitments": "Commitments", "adoption_evidence": "Evidence of adoption",
    "evidence_level": "Evidence", "kind": "Kind of action", "scope": "For", "occurred_on": "Date",
    "description": "Description", "participants": "Participants", "amount_usd": "Amount",
    "source": "Source", "url": "Address", "archived_url": "Archived copy", "publisher": "Publisher",
    "accessed_on": "Accessed", "published_on": "Published", "checked_on": "Checked on",
    "checked_by": "Checked by", "result": "Result", "searched": "Where they looked",
    "code": "Code", "congress": "Congress", "chamber": "Chamber", "jurisdiction": "Jurisdiction",
    "family": "Bill family", "predecessor_id": "Follows", "introduced_on": "Introduced",
    "sponsor": "Sponsor", "source_url": "Source",
}
# Shown through another field (the date carries its precision), or not a fact about the record.
HIDDEN = {"body_id", "date_precision", "latitude", "longitude", "resolution_id", "id"}
WORDS: dict[str, dict[str, str]] = {
    "level": LEVELS, "geocode_precision": GEOCODE_PRECISIONS, "organization_type": ORGANIZATION_TYPES,
    "stance": STANCES, "adoption_evidence": ADOPTION_EVIDENCE, "evidence_level": EVIDENCE_LEVELS,
    "scope": ACTION_SCOPES, "checked_by": CHECKERS, "result": CHECK_RESULTS, "date_kind": DATE_KINDS,
    "kind": {code: kind.label for code, kind in ACTION_KINDS.items()},
}
FIRST_FIELDS = {"name", "stance", "kind", "code", "checked_on", "result"}
DATES = {"adopted_on", "occurred_on", "checked_on", "introduced_on", "accessed_on", "published_on"}
SEED = re.compile(r"^Seed data: seeds/(?P<file>[\w.-]+) line (?P<line>\d+)$")
IMPORT = re.compile(r"^Import of (?P<file>.+?) on (?P<day>\d{4}-\d{2}-\d{2}) line (?P<line>\d+)$")


@dataclass(frozen=True)
class Change:
    label: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class HistoryEntry:
    on: datetime
    what: str  # "Resolution added", "Body details changed"
    origin: str  # where the change came from, in words
    changes: list[Change]


def describe_origin(revision: Revision) -> str:
    if revision.submission is not None:
        origin = f"from submission #{revision.submission.id}"
        return origin + (f", published by a {revision.user.role}" if revision.user else "")
    reason = revision.reason or ""
    if match := SEED.match(reason):
        what = {"bills.csv": "the registry's list of bills",
                "endorsements.csv": "the registry's starting list of published endorsements"}
        return f"loaded from {what.get(match['file'], match['file'])} (row {match['line']})"
    if match := IMPORT.match(reason):
        day = format_partial_date(date.fromisoformat(match["day"]))
        return f"imported from the file {match['file']} on {day} (row {match['line']})"
    if revision.user is not None:
        return f"by a {revision.user.role}" + (f": {reason}" if reason else "")
    return reason or "origin not recorded"


class Names:
    """Bill codes and body names for the ids a history mentions (two queries at most)."""

    def __init__(self, revisions: list[Revision]) -> None:
        bill_ids = {v for r in revisions for k, pair in r.changes.items()
                    if k in ("bill_id", "predecessor_id") for v in pair if isinstance(v, int)}
        body_ids = {v for r in revisions for k, pair in r.changes.items()
                    if k == "parent_id" for v in pair if isinstance(v, int)}
        self.bills: dict[int, str] = {}
        self.bodies: dict[int, str] = {}
        if bill_ids:
            self.bills = dict(db.session.execute(
                select(Bill.id, Bill.code).where(Bill.id.in_(bill_ids))).all())
        if body_ids:
            self.bodies = dict(db.session.execute(
                select(Body.id, Body.name).where(Body.id.in_(body_ids))).all())


def value_text(field: str, value: Any, changes: dict[str, Any], names: Names, side: int) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if field in ("bill_id", "predecessor_id"):
        return names.bills.get(value, "a bill no longer in the registry")
    if field == "parent_id":
        return names.bodies.get(value, "a body no longer in the registry")
    if field == "commitments":
        return ", ".join(COMMITMENTS.get(item, item) for item in value)
    if field in WORDS:
        return WORDS[field].get(value, str(value))
    if field in DATES:
        precision = changes.get("date_precision", [None, None])[side] if field != "checked_on" else "day"
        try:
            return format_partial_date(date.fromisoformat(str(value)[:10]), precision)
        except ValueError:
            return str(value)
    if field == "amount_usd":
        return f"${float(value):,.2f}".replace(".00", "")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) and field in ("members", "participants"):
        return f"{value:,}"
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def describe(revisions: list[Revision]) -> list[HistoryEntry]:
    """Each revision as a dated entry: what changed, from where, and each field old → new."""
    names = Names(revisions)
    entries = []
    for revision in revisions:
        changes = revision.changes or {}
        # A new record sets its defining field; a later revision with only empty old values
        # (a parent or a source filled in) is a change.
        added = all(pair[0] is None for pair in changes.values()) and bool(FIRST_FIELDS & set(changes))
        record = RECORDS.get(revision.entity_type, revision.entity_type.capitalize())
        what = f"{record} {'added' if added else 'changed'}"
        shown = []
        for field, pair in changes.items():
            if field in HIDDEN or not isinstance(pair, list | tuple) or len(pair) != 2:
                continue
            old = value_text(field, pair[0], changes, names, 0)
            new = value_text(field, pair[1], changes, names, 1)
            if old is None and new is None:
                continue
            shown.append(Change(LABELS.get(field, field.replace("_", " ").capitalize()), old, new))
        if "latitude" in changes and "geocode_precision" not in changes:
            shown.append(Change("Map position", None, "moved"))
        entries.append(HistoryEntry(revision.created_at, what, describe_origin(revision), shown))
    return entries
