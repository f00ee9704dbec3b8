"""A body's revision history in the words people use: field labels, bill codes, body names,
commitment labels, dates at their precision, and where a change came from described plainly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from babel.numbers import format_decimal
from flask_babel import gettext
from sqlalchemy import select

from registry.database import db
from registry.followthrough.ladder import ACTION_KINDS
from registry.languages import current, number, partial_date, translate
from registry.models import Bill, Body, Revision
from registry.text import N_
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

# What a revision did to which record, in whole phrases (the words agree with the record in Spanish).
ADDED = {"body": N_("Body details added"), "resolution": N_("Resolution added"),
         "action": N_("Action added"), "source": N_("Source added"), "bill": N_("Bill added"),
         "check": N_("Follow-through check added")}
CHANGED = {"body": N_("Body details changed"), "resolution": N_("Resolution changed"),
           "action": N_("Action changed"), "source": N_("Source changed"), "bill": N_("Bill changed"),
           "check": N_("Follow-through check changed")}
SEED_FILES = {"bills.csv": N_("the registry's list of bills"),
              "endorsements.csv": N_("the registry's starting list of published endorsements")}
ROLES = {"reviewer": N_("reviewer"), "admin": N_("admin")}

LABELS = {
    "name": N_("Name"), "slug": N_("Web address"), "level": N_("Level"),
    "affiliation": N_("Affiliation"), "designation": N_("Designation"), "parent_id": N_("Parent body"),
    "olms_file_number": N_("OLMS file number"), "city": N_("City"), "state": N_("State"),
    "zip": N_("ZIP code"), "geocode_precision": N_("Placed on the map by"), "members": N_("Members"),
    "members_year": N_("Members counted in"),
    "members_source_url": N_("Source of the membership figure"), "website": N_("Website"),
    "public_contact": N_("Public contact"), "organization_type": N_("Kind of organization"),
    "bill_id": N_("Bill"), "bill_as_reported": N_("Bill as the source names it"), "stance": N_("Stance"),
    "adopted_on": N_("Adopted"), "date_kind": N_("Date"), "title": N_("Title"), "summary": N_("Summary"),
    "text": N_("Text"), "commitments": N_("Commitments"),
    "adoption_evidence": N_("Evidence of adoption"), "evidence_level": N_("Evidence"),
    "kind": N_("Kind of action"), "scope": N_("For"), "occurred_on": N_("Date"),
    "description": N_("Description"), "participants": N_("Participants"), "amount_usd": N_("Amount"),
    "source": N_("Source"), "url": N_("Address"), "archived_url": N_("Archived copy"),
    "publisher": N_("Publisher"), "accessed_on": N_("Accessed"), "published_on": N_("Published"),
    "checked_on": N_("Checked on"), "checked_by": N_("Checked by"), "result": N_("Result"),
    "searched": N_("Where they looked"), "code": N_("Code"), "congress": N_("Congress"),
    "chamber": N_("Chamber"), "jurisdiction": N_("Jurisdiction"), "family": N_("Bill family"),
    "predecessor_id": N_("Follows"), "introduced_on": N_("Introduced"), "sponsor": N_("Sponsor"),
    "source_url": N_("Source"),
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
        if revision.user:
            return gettext("from submission #%(number)s, published by a %(role)s",
                           number=revision.submission.id, role=role_text(revision.user.role))
        return gettext("from submission #%(number)s", number=revision.submission.id)
    reason = revision.reason or ""
    if match := SEED.match(reason):
        what = SEED_FILES.get(match["file"])
        return gettext("loaded from %(what)s (row %(row)s)",
                       what=translate(what) if what else match["file"], row=match["line"])
    if match := IMPORT.match(reason):
        day = partial_date(date.fromisoformat(match["day"]))
        return gettext("imported from the file %(file)s on %(day)s (row %(row)s)",
                       file=match["file"], day=day, row=match["line"])
    if revision.user is not None:
        if reason:  # the reviewer's own words stay as written
            return gettext("by a %(role)s: %(reason)s", role=role_text(revision.user.role), reason=reason)
        return gettext("by a %(role)s", role=role_text(revision.user.role))
    return reason or gettext("origin not recorded")


def role_text(role: str) -> str:
    return translate(ROLES[role]) if role in ROLES else role


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
        return names.bills.get(value) or gettext("a bill no longer in the registry")
    if field == "parent_id":
        return names.bodies.get(value) or gettext("a body no longer in the registry")
    if field == "commitments":
        return ", ".join(translate(COMMITMENTS.get(item, item)) for item in value)
    if field in WORDS:
        return translate(WORDS[field].get(value, str(value)))
    if field in DATES:
        precision = changes.get("date_precision", [None, None])[side] if field != "checked_on" else "day"
        try:
            return partial_date(date.fromisoformat(str(value)[:10]), precision)
        except ValueError:
            return str(value)
    if field == "amount_usd":
        amount = float(value)
        return "$" + format_decimal(amount, format="#,##0" if amount.is_integer() else "#,##0.00",
                                    locale=current())
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, int) and field in ("members", "participants"):
        return number(value)
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
        phrases = ADDED if added else CHANGED
        if revision.entity_type in phrases:
            what = translate(phrases[revision.entity_type])
        elif added:
            what = gettext("%(record)s added", record=revision.entity_type.capitalize())
        else:
            what = gettext("%(record)s changed", record=revision.entity_type.capitalize())
        shown = []
        for field, pair in changes.items():
            if field in HIDDEN or not isinstance(pair, list | tuple) or len(pair) != 2:
                continue
            old = value_text(field, pair[0], changes, names, 0)
            new = value_text(field, pair[1], changes, names, 1)
            if old is None and new is None:
                continue
            label = LABELS.get(field)
            shown.append(Change(translate(label) if label else field.replace("_", " ").capitalize(),
                                old, new))
        if "latitude" in changes and "geocode_precision" not in changes:
            shown.append(Change(gettext("Map position"), None, gettext("moved")))
        entries.append(HistoryEntry(revision.created_at, what, describe_origin(revision), shown))
    return entries
