"""Gap figures computed in the database from each body's stored status."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from registry.database import db
from registry.models import Action, Body, Resolution


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
    """The aggregate columns shared by every grouping (one row of GapFigures each)."""
    mobilized = Body.tier >= 3
    return (
        func.count(func.distinct(Body.id)).label("endorsing"),
        func.count(func.distinct(case((Body.tier == 0, Body.id)))).label("paper_only"),
        func.count(func.distinct(case((mobilized, Body.id)))).label("mobilized"),
        func.count(func.distinct(case((Body.members.is_not(None), Body.id)))).label("members_known"),
        func.coalesce(func.sum(Body.members), 0).label("members"),
        func.coalesce(func.sum(case((mobilized, Body.members))), 0).label("members_mobilized"),
    )


def overall_gap() -> GapFigures:
    row = db.session.execute(select(*gap_columns()).where(Body.endorsing.is_(True))).one()
    return GapFigures(**row._asdict())


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
