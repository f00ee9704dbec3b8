"""Gap figures computed in the database from each body's stored status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, extract, func, literal, or_, select, union_all

from registry.bodies.services import filtered_bodies, supporting_family_pairs
from registry.cache import versioned
from registry.database import db
from registry.followthrough import ladder
from registry.models import Action, Body, RecordYear, Resolution
from registry.text import N_
from registry.vocab import ORGANIZATION_TYPES

GROUPINGS = {  # N_: the methodology page shows them in the reader's language
    "state": N_("State"),
    "level": N_("Level"),
    "affiliation": N_("Affiliation"),
    "bill_family": N_("Bill family"),
    "year": N_("Year of first resolution"),
}


@dataclass(frozen=True)
class GapFigures:
    endorsing: int
    checked: int  # endorsing bodies with a published check or any published action
    paper_only: int  # checked endorsing bodies at tier 0
    mobilized: int
    members_known: int  # endorsing bodies whose membership is known
    members: int  # members represented by those bodies
    members_mobilized: int

    @property
    def unchecked(self) -> int:
        """Endorsing bodies nobody has looked at since: no check, no action."""
        return self.endorsing - self.checked

    @property
    def gap(self) -> float | None:
        """Share of endorsing bodies that never mobilized; None for an empty group."""
        return None if not self.endorsing else 1 - self.mobilized / self.endorsing

    @property
    def gap_among_checked(self) -> float | None:
        """Share of the checked endorsing bodies that never mobilized: the figure to lead with."""
        return None if not self.checked else 1 - self.mobilized / self.checked

    @property
    def checked_share(self) -> float | None:
        return None if not self.endorsing else self.checked / self.endorsing

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
        return self.checked - self.paper_only - self.mobilized

    @classmethod
    def empty(cls) -> GapFigures:
        return cls(**dict.fromkeys(cls.__dataclass_fields__, 0))

    @classmethod
    def total(cls, parts: list[GapFigures]) -> GapFigures:
        """Figures of several disjoint groups taken together (every field is a count or a sum)."""
        names = cls.__dataclass_fields__
        return cls(**{name: sum(getattr(part, name) for part in parts) for name in names})


def gap_columns(among: ColumnElement[bool] | None = None) -> tuple:
    """The aggregate columns shared by every grouping (one row of GapFigures each).

    Each body is one row of the grouped query (the bill-family pairs are distinct), so plain
    counts suffice (no DISTINCT, which is slow at scale). `among` restricts the figures to
    some rows of a wider query: the endorsing bodies of a query that also counts the others."""
    # Read at call time, so the figures follow the rule module (and the methodology page).
    mobilized = Body.tier >= ladder.MOBILIZED_TIER

    def count_if(*conditions: ColumnElement[bool]):
        parts = [c for c in (among, *conditions) if c is not None]
        return func.count(case((and_(*parts), 1))) if parts else func.count()

    def sum_if(value, *conditions: ColumnElement[bool]):
        parts = [c for c in (among, *conditions) if c is not None]
        return func.coalesce(func.sum(case((and_(*parts), value)) if parts else value), 0)

    return (
        count_if().label("endorsing"),
        count_if(Body.checked.is_(True)).label("checked"),
        count_if(Body.checked.is_(True), Body.tier == 0).label("paper_only"),
        count_if(mobilized).label("mobilized"),
        count_if(Body.members.is_not(None)).label("members_known"),
        sum_if(Body.members).label("members"),
        sum_if(Body.members, mobilized).label("members_mobilized"),
    )


def among(filters: dict[str, Any] | None) -> dict[str, Any]:
    """The filters of a gap figure: union bodies only, unless the filters ask for allied
    organizations (`organization_type=allied`) or for every body (`all`)."""
    return {"organization_type": "union", **{k: v for k, v in (filters or {}).items()
                                             if v is not None}}


@versioned
def overall_gap(filters: dict[str, Any] | None = None) -> GapFigures:
    query = filtered_bodies(among(filters)).where(Body.endorsing.is_(True))
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
    query = filtered_bodies(among(filters)).where(Body.endorsing.is_(True))
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
class PlaceGap:
    """Gap figures of the bodies of one level in one state (None: state not recorded)."""

    level: str
    state: str | None
    bodies: int  # every body matching the filters, endorsing or not
    figures: GapFigures  # of the endorsing ones


@versioned
def gap_by_level_and_state(filters: dict[str, Any] | None = None) -> list[PlaceGap]:
    """Gap figures per (level, state) in one scan, with the groups that have no endorsing body.

    Levels and states each partition the bodies, so their figures (and the overall ones) are
    exact sums of these rows: GapFigures.total()."""
    query = filtered_bodies(among(filters)).with_only_columns(
        Body.level, Body.state, func.count().label("bodies"),
        *gap_columns(among=Body.endorsing.is_(True)),
    ).group_by(Body.state, Body.level)  # the order of ix_bodies_gap_figures: no sort
    rows = []
    for row in db.session.execute(query):
        values = row._asdict()
        level, state, bodies = values.pop("level"), values.pop("state"), values.pop("bodies")
        figures = GapFigures(**{key: int(value) for key, value in values.items()})
        rows.append(PlaceGap(level, state, bodies, figures))
    return rows


@dataclass(frozen=True)
class YearActivity:
    year: int | None  # None: records with no date, which no year can show
    resolutions: int  # supporting resolutions adopted that year (or first reported, vote date unknown)
    actions: int  # follow-through actions (rungs 1 and up) taken that year


@versioned
def activity_by_year(filters: dict[str, Any] | None = None) -> list[YearActivity]:
    """Resolutions adopted and actions taken per year by the bodies matching the shared filters,
    the undated records last (under year None).

    Filtered by organization type alone (the page as first opened: union bodies), the figures
    are those of every body, which the database keeps by year, less those of the few bodies of
    the other types: no pass over every record after a publication."""
    wanted = among(filters)
    if set(wanted) == {"organization_type"}:
        counts = _counted_years()
        if wanted["organization_type"] in ORGANIZATION_TYPES:  # else "all"
            others = [kind for kind in ORGANIZATION_TYPES if kind != wanted["organization_type"]]
            # Named rather than "not this type", so the index on organization_type finds them.
            counts.subtract(_dated_counts(select(Body.id).where(Body.organization_type.in_(others))))
    else:
        counts = _dated_counts(filtered_bodies(wanted).with_only_columns(Body.id))
    years = sorted({year for year, _ in counts}, key=lambda year: (year is None, year or 0))
    return [YearActivity(year, counts[year, "resolutions"], counts[year, "actions"])
            for year in years if counts[year, "resolutions"] or counts[year, "actions"]]


# Check-ins (rung 0) and counter-actions (no rung) are not follow-through, nor is work for health
# reform other than single payer.
NOT_FOLLOW_THROUGH = tuple(code for code, kind in ladder.ACTION_KINDS.items() if not kind.rung)


def _counted_years() -> Counter:
    """{(year, "resolutions" | "actions"): count} for every body, read from the yearly counts
    the database keeps (RecordYear): a few rows, not every record."""
    resolutions = and_(RecordYear.record == "resolutions", RecordYear.category == "support")
    actions = and_(RecordYear.record == "actions", RecordYear.category.not_in(NOT_FOLLOW_THROUGH),
                   RecordYear.scope.in_(ladder.LADDER_SCOPES))
    rows = db.session.execute(select(RecordYear.year, RecordYear.record, func.sum(RecordYear.n))
                              .where(or_(resolutions, actions))
                              .group_by(RecordYear.year, RecordYear.record))
    return Counter({(year or None, record): int(count) for year, record, count in rows if count})


def _dated_counts(bodies: Select) -> Counter:
    """{(year, "resolutions" | "actions"): count} for the bodies of `bodies`, in one statement:
    grouped by the date itself, which the indexes hold in order, then the few thousand dates by
    year (the year is taken of each date, not of each record)."""
    resolutions = select(literal("resolutions").label("name"), Resolution.adopted_on.label("day"),
                         func.count().label("n")).where(Resolution.stance == "support",
                                                        Resolution.body_id.in_(bodies))
    actions = select(literal("actions").label("name"), Action.occurred_on.label("day"),
                     func.count().label("n")).where(Action.kind.not_in(NOT_FOLLOW_THROUGH),
                                                    Action.scope.in_(ladder.LADDER_SCOPES),
                                                    Action.body_id.in_(bodies))
    days = union_all(resolutions.group_by(Resolution.adopted_on),
                     actions.group_by(Action.occurred_on)).subquery()
    year = extract("year", days.c.day)
    rows = db.session.execute(select(days.c.name, year, func.sum(days.c.n))
                              .group_by(days.c.name, year))
    return Counter({(None if when is None else int(when), name): int(count)
                    for name, when, count in rows})


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
