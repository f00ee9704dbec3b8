"""How much of the known endorsement record the registry holds: the campaigns' own published
counts beside the registry's, by level and by state, with how many bodies have been checked; and
the endorser lists the seeds were built from. The campaigns' figures live in seeds/coverage.csv
and the lists in seeds/lists.csv, each row with its source — never in code."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select

from registry import PROJECT_ROOT
from registry.cache import versioned
from registry.database import db
from registry.models import Bill, Body, Resolution

COVERAGE_FILE = os.path.join(PROJECT_ROOT, "seeds", "coverage.csv")
LISTS_FILE = os.path.join(PROJECT_ROOT, "seeds", "lists.csv")


@dataclass(frozen=True)
class Held:
    """Endorsing union bodies the registry holds in a group, and how many are checked."""

    bodies: int
    checked: int

    @property
    def checked_share(self) -> float | None:
        return None if not self.bodies else self.checked / self.bodies


@dataclass(frozen=True)
class CampaignFigure:
    campaign: str
    bill: str | None
    figure: str
    levels: tuple[str, ...]  # empty: every level
    value: int
    as_of: str | None
    source_url: str
    note: str | None
    held: Held

    @property
    def share_held(self) -> float | None:
        return None if not self.value else min(self.held.bodies / self.value, 1.0)


def read_rows(path: str) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _held(bill: str | None, levels: tuple[str, ...]) -> Held:
    query = select(func.count(), func.count(case((Body.checked.is_(True), 1)))).select_from(Body) \
        .where(Body.endorsing.is_(True), Body.organization_type == "union")
    if levels:
        query = query.where(Body.level.in_(levels))
    if bill:
        query = query.where(Body.id.in_(
            select(Resolution.body_id).join(Bill, Resolution.bill_id == Bill.id)
            .where(Bill.code == bill, Resolution.stance == "support")))
    bodies, checked = db.session.execute(query).one()
    return Held(bodies, checked)


@versioned
def campaign_figures() -> list[CampaignFigure]:
    """Each published count beside what the registry holds of it (one query per figure)."""
    figures = []
    for row in read_rows(COVERAGE_FILE):
        levels = tuple(level for level in row["levels"].split(";") if level)
        figures.append(CampaignFigure(
            row["campaign"], row["bill"] or None, row["figure"], levels, int(row["value"]),
            row["as_of"] or None, row["source_url"], row["note"] or None,
            _held(row["bill"] or None, levels)))
    return figures


@dataclass(frozen=True)
class GroupCoverage:
    key: Any
    held: Held


@versioned
def coverage_by(column: str) -> list[GroupCoverage]:
    """Endorsing union bodies and checked ones per level or per state, in one grouped query."""
    key = getattr(Body, column)
    rows = db.session.execute(
        select(key, func.count(), func.count(case((Body.checked.is_(True), 1))))
        .where(Body.endorsing.is_(True), Body.organization_type == "union")
        .group_by(key).order_by(key)
    ).all()
    return [GroupCoverage(value, Held(bodies, checked)) for value, bodies, checked in rows]


def harvested_lists() -> list[dict[str, str]]:
    return read_rows(LISTS_FILE)
