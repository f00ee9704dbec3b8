"""What the home page shows: the latest published records."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.database import db
from registry.models import Action, Resolution


def latest_resolutions(limit: int = 6) -> list[Resolution]:
    """The most recently adopted resolutions (by their date on record, newest first)."""
    return list(db.session.scalars(
        select(Resolution).options(selectinload(Resolution.body), selectinload(Resolution.bill))
        .where(Resolution.adopted_on.is_not(None))
        .order_by(Resolution.adopted_on.desc(), Resolution.id.desc()).limit(limit)
    ))


def latest_actions(limit: int = 6) -> list[Action]:
    return list(db.session.scalars(
        select(Action).options(selectinload(Action.body))
        .where(Action.occurred_on.is_not(None))
        .order_by(Action.occurred_on.desc(), Action.id.desc()).limit(limit)
    ))


def database_ok() -> bool:
    try:
        db.session.execute(select(1))
    except Exception:  # any failure of the database means unhealthy
        db.session.rollback()
        return False
    return True
