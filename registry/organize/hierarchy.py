"""Who to ask up the hierarchy: the body's parent, or for a local without one, the nearest central
labor council by distance (its own state's when nearly as near), or else its state federation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from babel.numbers import format_decimal
from flask_babel import gettext, ngettext
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import load_only

from registry.database import db
from registry.geo import sphere_miles
from registry.languages import current
from registry.models import Body
from registry.text import N_

POINT_PRECISIONS = ("exact", "zip", "city")
# A council in the body's own state is preferred unless one across a state line is this much
# nearer: unions organise by state, but a local on the border belongs with the council next door.
SAME_STATE_MARGIN_MI = 25.0
SEARCH_DEGREES = 2.5  # councils are looked for within this many degrees of a local (~170 miles)
NEAR_MI = 100.0  # a council of its own state this near is asked before the state federation
ACROSS_STATE_MI = 50.0  # a council across a state line only when this near (a border metro)
ASK_RULES = {
    "parent": N_("its parent body on record"),
    "central_labor_council": N_("no parent on record: the nearest central labor council"),
    "council_in_state": N_("no parent on record: a central labor council in its state (the body's "
                           "place is not on record precisely enough to measure the distance)"),
    "state_federation": N_("no parent on record and no central labor council within 100 miles: its "
                           "state federation"),
}


@dataclass(frozen=True)
class Ask:
    body: Body
    rule: str  # a key of ASK_RULES
    distance_mi: float | None = None

    @property
    def explanation(self) -> str:
        text = ASK_RULES[self.rule]
        if self.distance_mi is not None:
            place = ", ".join(part for part in (self.body.city, self.body.state) if part)
            away = ("less than a mile away" if self.distance_mi < 1
                    else f"{self.distance_mi:,.0f} mile{'' if round(self.distance_mi) == 1 else 's'} away")
            text += f" ({place}), {away}" if place else f", {away}"
        return text

    @property
    def explained(self) -> str:
        """The explanation in the reader's language (`explanation` is the API's, in English)."""
        text = gettext(ASK_RULES[self.rule])
        if self.distance_mi is None:
            return text
        place = ", ".join(part for part in (self.body.city, self.body.state) if part)
        rounded = round(self.distance_mi)
        away = (gettext("less than a mile away") if self.distance_mi < 1 else
                ngettext("%(distance)s mile away", "%(distance)s miles away", rounded,
                         distance=format_decimal(rounded, locale=current())))
        if place:
            return gettext("%(rule)s (%(place)s), %(away)s", rule=text, place=place, away=away)
        return gettext("%(rule)s, %(away)s", rule=text, away=away)


def located(body: Body) -> bool:
    return body.geocode_precision in POINT_PRECISIONS and body.latitude is not None \
        and body.longitude is not None


def asks_for(bodies: Iterable[Body]) -> dict[int, Ask]:
    """The body to ask for each of these bodies (parents must already be loaded): its recorded
    parent; else, for a local, the nearest central labor council by distance; else its state
    federation."""
    asks: dict[int, Ask] = {}
    orphans = []
    for body in bodies:
        if body.parent is not None:
            asks[body.id] = Ask(body.parent, "parent")
        elif body.level == "local" and (body.state or located(body)):
            orphans.append(body)
    if orphans:
        hubs = _hubs(orphans)
        for body in orphans:
            ask = _ask_for_orphan(body, hubs)
            if ask is not None:
                asks[body.id] = ask
    return asks


def _hubs(orphans: list[Body]) -> list[Body]:
    """Central labor councils and state federations of the orphans' states, and councils near
    any located orphan across a state line, in one query."""
    states = sorted({body.state for body in orphans if body.state})
    near = [body for body in orphans if located(body)]
    condition = Body.state.in_(states)
    if near:
        lat = [body.latitude for body in near]
        lon = [body.longitude for body in near]
        condition = or_(condition, and_(
            Body.level == "central_labor_council",
            Body.latitude.between(min(lat) - SEARCH_DEGREES, max(lat) + SEARCH_DEGREES),
            Body.longitude.between(min(lon) - SEARCH_DEGREES * 1.4, max(lon) + SEARCH_DEGREES * 1.4)))
    query = (select(Body)
             .options(load_only(Body.id, Body.slug, Body.name, Body.level, Body.state, Body.city,
                                Body.latitude, Body.longitude, Body.geocode_precision,
                                Body.public_contact, Body.website))
             .where(Body.level.in_(("central_labor_council", "state_federation")), condition)
             .order_by(Body.name, Body.id))
    return list(db.session.scalars(query))


def _ask_for_orphan(body: Body, hubs: list[Body]) -> Ask | None:
    councils = [h for h in hubs if h.level == "central_labor_council"]
    measured = []
    if located(body):
        measured = sorted(
            ((sphere_miles(body.latitude, body.longitude, h.latitude, h.longitude), h.name, h)
             for h in councils if located(h)), key=lambda item: item[:2])
    near = [(miles, hub) for miles, _, hub in measured
            if miles <= (NEAR_MI if hub.state == body.state else ACROSS_STATE_MI)]
    if near:
        miles, hub = near[0]
        same_state = next(((m, h) for m, h in near if h.state == body.state), None)
        if same_state is not None and same_state[0] <= miles + SAME_STATE_MARGIN_MI:
            miles, hub = same_state
        return Ask(hub, "central_labor_council", miles)
    federations = [h for h in hubs if h.level == "state_federation" and h.state == body.state]
    if federations:
        return Ask(federations[0], "state_federation")
    far = [(miles, hub) for miles, _, hub in measured if hub.state == body.state]
    if far:
        return Ask(far[0][1], "central_labor_council", far[0][0])
    in_state = [h for h in councils if h.state == body.state]
    if in_state and not located(body):
        return Ask(in_state[0], "council_in_state")
    return None
