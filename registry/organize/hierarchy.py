"""Who to ask up the hierarchy: the body's parent, or for a local without one, the central labor
council (nearest) or else the state federation of its state."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import load_only

from registry.database import db
from registry.geo import sphere_miles
from registry.models import Body

POINT_PRECISIONS = ("exact", "zip", "city")
ASK_RULES = {
    "parent": "its parent body on record",
    "central_labor_council": "no parent on record: the nearest central labor council in its state",
    "state_federation": "no parent on record and no central labor council: its state federation",
}


@dataclass(frozen=True)
class Ask:
    body: Body
    rule: str  # a key of ASK_RULES

    @property
    def explanation(self) -> str:
        return ASK_RULES[self.rule]


def asks_for(bodies: Iterable[Body]) -> dict[int, Ask]:
    """The body to ask for each of these bodies (parents must already be loaded)."""
    asks: dict[int, Ask] = {}
    orphans = []
    for body in bodies:
        if body.parent is not None:
            asks[body.id] = Ask(body.parent, "parent")
        elif body.level == "local" and body.state:
            orphans.append(body)
    if orphans:
        hubs = _hubs({body.state for body in orphans})
        for body in orphans:
            ask = _nearest_hub(body, hubs.get(body.state, []))
            if ask is not None:
                asks[body.id] = ask
    return asks


def _hubs(states: set[str]) -> dict[str, list[Body]]:
    """Central labor councils and state federations of these states, in one query."""
    query = (select(Body)
             .options(load_only(Body.id, Body.slug, Body.name, Body.level, Body.state, Body.latitude,
                                Body.longitude, Body.geocode_precision, Body.public_contact,
                                Body.website))
             .where(Body.level.in_(("central_labor_council", "state_federation")),
                    Body.state.in_(sorted(states)))
             .order_by(Body.name, Body.id))
    by_state: dict[str, list[Body]] = {}
    for hub in db.session.scalars(query):
        by_state.setdefault(hub.state, []).append(hub)
    return by_state


def _nearest_hub(body: Body, hubs: list[Body]) -> Ask | None:
    councils = [h for h in hubs if h.level == "central_labor_council"]
    if councils:
        located = body.geocode_precision in POINT_PRECISIONS and body.latitude is not None

        def distance(hub: Body) -> float:
            if not located or hub.geocode_precision not in POINT_PRECISIONS or hub.latitude is None:
                return float("inf")
            return sphere_miles(body.latitude, body.longitude, hub.latitude, hub.longitude)

        return Ask(min(councils, key=lambda hub: (distance(hub), hub.name)), "central_labor_council")
    federations = [h for h in hubs if h.level == "state_federation"]
    if federations:
        return Ask(federations[0], "state_federation")
    return None

