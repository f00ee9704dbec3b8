"""Gap figures computed in the database from each body's stored status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, extract, func, literal, select, union_all

from registry.bodies.schemas import GENERAL_FAMILY
from registry.bodies.services import filtered_bodies
from registry.database import db
from registry.followthrough import ladder
from registry.models import Action, Bill, Body, Resolution

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

    @property
    def acted_not_mobilized(self) -> int:
        """Endorsing bodies that acted, but below the mobilizing tier."""
        return self.endorsing - self.paper_only - self.mobilized

    @classmethod
    def total(cls, parts: list[GapFigures]) -> GapFigures:
        """Figures of several disjoint groups taken together (every field is a count or a sum)."""
        names = cls.__dataclass_fields__
        return cls(**{name: sum(getattr(part, name) for part in parts) for name in names})


def gap_columns():
    """The aggregate columns shared by every grouping (one row of GapFigures each)."""
    # Read at call time, so the figures follow the rule module (and the methodology page).
    mobilized = Body.tier >= ladder.MOBILIZED_TIER
    return (
        func.count(func.distinct(Body.id)).label("endorsing"),
        func.count(func.distinct(case((Body.tier == 0, Body.id)))).label("paper_only"),
        func.count(func.distinct(case((mobilized, Body.id)))).label("mobilized"),
        func.count(func.distinct(case((Body.members.is_not(None), Body.id)))).label("members_known"),
        func.coalesce(func.sum(Body.members), 0).label("members"),
        func.coalesce(func.sum(case((mobilized, Body.members))), 0).label("members_mobilized"),
    )


def overall_gap(filters: dict[str, Any] | None = None) -> GapFigures:
    query = filtered_bodies(filters or {}).where(Body.endorsing.is_(True))
    row = db.session.execute(query.with_only_columns(*gap_columns())).one()
    return GapFigures(**row._asdict())


@dataclass(frozen=True)
class GapRow:
    key: Any  # the group's value: a state code, level, affiliation, family or year (None: unknown)
    figures: GapFigures


def gap_by(group_by: str, filters: dict[str, Any] | None = None) -> list[GapRow]:
    """Gap figures per group, for the endorsing bodies matching the shared filters: one query."""
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by must be one of {', '.join(GROUPINGS)}")
    query = filtered_bodies(filters or {}).where(Body.endorsing.is_(True))
    if group_by == "bill_family":
        # Each body counts once per family it supports, so member sums are not doubled.
        pairs = (
            select(Resolution.body_id, func.coalesce(Bill.family, GENERAL_FAMILY).label("family"))
            .outerjoin(Bill, Resolution.bill_id == Bill.id)
            .where(Resolution.stance == "support").distinct().subquery()
        )
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
class YearActivity:
    year: int | None  # None: records with no date, which no year can show
    resolutions: int  # supporting resolutions adopted that year (or first reported, vote date unknown)
    actions: int  # follow-through actions (rungs 1 and up) taken that year


def follow_through_kinds() -> list[str]:
    """Action kinds that are follow-through: not check-ins (rung 0), not counter-actions."""
    return [code for code, kind in ladder.ACTION_KINDS.items() if kind.rung]


def activity_by_year(filters: dict[str, Any] | None = None) -> list[YearActivity]:
    """Resolutions adopted and actions taken per year by the bodies matching the shared filters.

    One grouped query; the undated records come last, under year None."""
    bodies = filtered_bodies(filters or {})
    resolution_year = extract("year", Resolution.adopted_on)
    action_year = extract("year", Action.occurred_on)
    resolutions = (
        bodies.with_only_columns(resolution_year.label("year"), func.count().label("resolutions"),
                                 literal(0).label("actions"))
        .select_from(Body).join(Resolution, Resolution.body_id == Body.id)
        .where(Resolution.stance == "support").group_by(resolution_year)
    )
    actions = (
        bodies.with_only_columns(action_year.label("year"), literal(0).label("resolutions"),
                                 func.count().label("actions"))
        .select_from(Body).join(Action, Action.body_id == Body.id)
        .where(Action.kind.in_(follow_through_kinds())).group_by(action_year)
    )
    both = union_all(resolutions, actions).subquery()
    rows = db.session.execute(
        select(both.c.year, func.sum(both.c.resolutions), func.sum(both.c.actions))
        .group_by(both.c.year)
    ).all()
    activity = [YearActivity(None if year is None else int(year), int(res), int(act))
                for year, res, act in rows]
    return sorted(activity, key=lambda row: (row.year is None, row.year or 0))


@dataclass(frozen=True)
class RegistryCounts:
    bodies: int
    resolutions: int
    actions: int
    states: int


def registry_counts() -> RegistryCounts:
    row = db.session.execute(select(
        select(func.count()).select_from(Body).scalar_subquery(),
        select(func.count()).select_from(Resolution).scalar_subquery(),
        select(func.count()).select_from(Action).scalar_subquery(),
        select(func.count(func.distinct(Body.state))).scalar_subquery(),
    )).one()
    return RegistryCounts(*row)
