"""Where the follow-through record comes from, month by month: checks and actions sent by members
through the forms (published from a submission) against those added by research (reviewers'
own checks, the research queue, imports). Counted by the month each entered the record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from registry.cache import versioned
from registry.database import db
from registry.models import Action, Check, Revision

MONTHS_SHOWN = 24


@dataclass(frozen=True)
class MonthOrigins:
    month: str  # YYYY-MM
    checks_members: int = 0
    checks_research: int = 0
    actions_members: int = 0
    actions_research: int = 0

    @property
    def first_day(self) -> date:
        """The month as a date, for the page to name it in the reader's language."""
        year, month = self.month.split("-")
        return date(int(year), int(month), 1)

    @property
    def total(self) -> int:
        return self.checks_members + self.checks_research + self.actions_members + self.actions_research


def _month(column):
    if db.engine.dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _counts(model, entity_type: str) -> dict[tuple[str, bool], int]:
    from_members = select(Revision.entity_id).where(Revision.entity_type == entity_type,
                                                    Revision.submission_id.is_not(None))
    month = _month(model.published_at)
    member = case((model.id.in_(from_members), True), else_=False)
    rows = db.session.execute(select(month, member, func.count()).group_by(month, member)).all()
    return {(m, bool(is_member)): n for m, is_member, n in rows}


@versioned
def by_month() -> tuple[MonthOrigins, ...]:
    """The latest MONTHS_SHOWN months with any check or action, newest first."""
    checks, actions = _counts(Check, "check"), _counts(Action, "action")
    months = sorted({m for m, _ in checks} | {m for m, _ in actions}, reverse=True)[:MONTHS_SHOWN]
    return tuple(MonthOrigins(m, checks.get((m, True), 0), checks.get((m, False), 0),
                              actions.get((m, True), 0), actions.get((m, False), 0)) for m in months)
