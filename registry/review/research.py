"""The research queue: endorsing union bodies whose follow-through nobody has checked, or checked
long ago, in the order a researcher should take them; and recording a check."""

from __future__ import annotations

from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import case, func, or_, select

from registry.database import db
from registry.followthrough.ladder import months_before
from registry.followthrough.status import refresh_statuses, today
from registry.models import Body, Check, User
from registry.records import services
from registry.records.services import Provenance

RECHECK_AFTER_MONTHS = 24  # a check older than this sends the body back into the queue
FIRST_LEVELS = ("national_union", "federation", "state_federation")


def recheck_cutoff(on: date | None = None) -> date:
    return months_before(on or today(), RECHECK_AFTER_MONTHS)


def due_for_research():
    """Endorsing union bodies with no dated check, or none since the cutoff."""
    return select(Body).where(
        Body.endorsing.is_(True), Body.organization_type == "union",
        or_(Body.last_checked_on.is_(None), Body.last_checked_on < recheck_cutoff()))


def research_queue(page: int, per_page: int = 50) -> Pagination:
    """National unions and state federations first, then by members where known, then the oldest
    resolution first."""
    query = due_for_research().order_by(
        case((Body.level.in_(FIRST_LEVELS), 0), else_=1),
        Body.members.is_(None), Body.members.desc(),
        Body.first_resolution_on.is_(None), Body.first_resolution_on, Body.name, Body.id)
    return db.paginate(query, page=page, per_page=per_page, max_per_page=200)


def queue_counts() -> dict[str, int]:
    """How many are left: never checked, and checked too long ago."""
    due = due_for_research().subquery()
    never, stale = db.session.execute(select(
        func.count(case((due.c.last_checked_on.is_(None), 1))),
        func.count(case((due.c.last_checked_on.is_not(None), 1))),
    )).one()
    return {"never": never, "stale": stale, "total": never + stale}


def record_check(body: Body, *, checked_on: date, searched: str, result: str,
                 summary: str | None, user: User, checked_by: str = "reviewer") -> Check:
    """Publish a check made by a signed-in reviewer; the body's standing follows (no commit)."""
    check = services.create(
        Check(body=body, checked_on=checked_on, checked_by=checked_by, searched=searched.strip(),
              result=result, summary=summary),
        Provenance(reason="Follow-through check from the research queue", user=user))
    db.session.flush()
    refresh_statuses([body.id])
    return check
