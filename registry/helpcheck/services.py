"""Which bodies near a place need a look: endorsing, and not yet checked or last checked more than
six months ago; nearest first (the organizer finder's place search and distances)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select

from registry.database import db
from registry.followthrough.status import today
from registry.geo import Place
from registry.models import Body
from registry.organize.services import _nearest, _points
from registry.watches.reminders import PERIOD_MONTHS, add_months

RADIUS_MI = 50
LIMIT = 30


@dataclass(frozen=True)
class ToCheck:
    body: Body
    distance_mi: float
    last_checked_on: date | None  # None: never checked


def stale_before(on: date) -> date:
    return add_months(on, -PERIOD_MONTHS)


def bodies_to_check(place: Place, radius_mi: float = RADIUS_MI, limit: int = LIMIT) -> list[ToCheck]:
    """Up to `limit` bodies within `radius_mi`, nearest first (among equals, never checked first,
    then the one checked longest ago)."""
    wanted = and_(Body.endorsing.is_(True),
                  or_(Body.checked.is_(False), Body.last_checked_on.is_(None),
                      Body.last_checked_on <= stale_before(today())))
    pool = _nearest(place, radius_mi, _points(place, radius_mi, [wanted]), limit, [wanted])
    bodies = {b.id: b for b in db.session.scalars(select(Body).where(Body.id.in_([c.body_id for c in pool])))}
    items = []
    for candidate in pool:
        body = bodies[candidate.body_id]
        items.append(ToCheck(body, candidate.exact, body.last_checked_on if body.checked else None))
    items.sort(key=lambda i: (round(i.distance_mi, 1), i.last_checked_on is not None,
                              i.last_checked_on or date.min, i.body.name, i.body.id))
    return items[:limit]
