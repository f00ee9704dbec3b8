"""Gap figures computed in the database from each body's stored status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, extract, func, select

from registry.bodies.services import filtered_bodies, supporting_family_pairs
from registry.cache import versioned
from registry.database import db
from registry.models import Action, Body, Resolution

GROUPINGS = {
    "state": "State",
    "level": "Level",
    "affiliation": "Affiliation",
    "bill_family": "Bill family",
    "year": "Year of first resolution",
}


@dataclass(frozen=True)
class GapFigures:
    endorsing: int
    paper_only: int
    mobilized: int
    members_known: int  # endorsing bodies whose membership is known
    members: int  # members represented by those bodies
    members_mobilized: int

    @property
    def gap(self) -> float | None:
        """Share of endorsing bodies that never mobilized; None for an empty group."""
        return None if not self.endorsing else 1 - self.mobilized / self.endorsing

    @property
    def paper_only_share(self) -> float | None:
        return None if not self.endorsing else self.paper_only / self.endorsing

    @property
    def mobilized_share(self) -> float | None:
        return None if not self.endorsing else self.mobilized / self.endorsing

    @property
    def members_gap(self) -> float | None:
        return None if not self.members else 1 - self.members_mobilized / self.members


def gap_columns():
    """The aggregate columns shared by every grouping (one row of GapFigures each). Each body
    appears once per group, so plain counts suffice (no DISTINCT, which is slow at scale)."""
    mobilized = Body.tier >= 3
    return (
        func.count().label("endorsing"),
        func.count(case((Body.tier == 0, 1))).label("paper_only"),
        func.count(case((mobilized, 1))).label("mobilized"),
        func.count(Body.members).label("members_known"),
        func.coalesce(func.sum(Body.members), 0).label("members"),
        func.coalesce(func.sum(case((mobilized, Body.members))), 0).label("members_mobilized"),
    )


@versioned
def overall_gap(filters: dict[str, Any] | None = None) -> GapFigures:
    query = filtered_bodies(filters or {}).where(Body.endorsing.is_(True))
    row = db.session.execute(query.with_only_columns(*gap_columns())).one()
    return GapFigures(**row._asdict())


@dataclass(frozen=True)
class GapRow:
    key: Any  # the group's value: a state code, level, affiliation, family or year (None: unknown)
    figures: GapFigures


@versioned
def gap_by(group_by: str, filters: dict[str, Any] | None = None) -> list[GapRow]:
    """Gap figures per group, for the endorsing bodies matching the shared filters: one query."""
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by must be one of {', '.join(GROUPINGS)}")
    query = filtered_bodies(filters or {}).where(Body.endorsing.is_(True))
    if group_by == "bill_family":
        # Each body counts once per family it supports, so member sums are not doubled.
        pairs = supporting_family_pairs()
        key = pairs.c.family
        query = query.join(pairs, pairs.c.body_id == Body.id)
    elif group_by == "year":
        key = extract("year", Body.first_resolution_on)
    else:
        key = getattr(Body, group_by)
    rows = db.session.execute(
        query.with_only_columns(key.label("key"), *gap_columns()).group_by(key)
    ).all()
    result = []
    for row in rows:
        values = row._asdict()
        group = values.pop("key")
        result.append(GapRow(int(group) if group_by == "year" and group is not None else group,
                             GapFigures(**values)))
    return result


@dataclass(frozen=True)
class RegistryCounts:
    bodies: int
    resolutions: int
    actions: int
    states: int


@versioned
def registry_counts() -> RegistryCounts:
    row = db.session.execute(select(
        select(func.count()).select_from(Body).scalar_subquery(),
        select(func.count()).select_from(Resolution).scalar_subquery(),
        select(func.count()).select_from(Action).scalar_subquery(),
        select(func.count(func.distinct(Body.state))).scalar_subquery(),
    )).one()
    return RegistryCounts(*row)
