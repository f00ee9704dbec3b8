"""The organizer finder's rules: resolve "near" text to a place, find bodies within a radius.

Independent of HTTP: the page, its CSV and the JSON API call the same two functions.
Fast at scale: an indexed latitude/longitude box in SQL, a spherical estimate to rank the
candidates, and geopy's geodesic for every distance shown or decided near the boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm.attributes import set_committed_value

from registry import languages
from registry.cache import versioned, versioned_each
from registry.database import among, db
from registry.districts.services import (
    BodyDistricts,
    bodies_in_districts_where_cosponsor,
    districts_from_links,
    links_loader,
)
from registry.followthrough.ladder import is_dormant
from registry.followthrough.status import today
from registry.geo import (
    GazetteerGeocoder,
    Lookup,
    Place,
    Suggestion,
    bounding_boxes,
    geocoder_for,
    lookup,
    miles,
    normalise_city,
    place_from,
    state_name,
    words,
)
from registry.geo.cells import cell, cells_of
from registry.geo.distance import SphereFrom, haversine_of, miles_of_haversine, sphere_bounds
from registry.geo.gazetteer import states_of_city
from registry.geo.lookup import tidy
from registry.geo.regions import states_near
from registry.languages import say
from registry.models import Body
from registry.organize.hierarchy import POINT_PRECISIONS, Ask, asks_for
from registry.organize.prospects import prospect_condition, prospect_reason
from registry.text import N_

RADIUS_MIN_MI = 1
RADIUS_MAX_MI = 500
DEFAULT_RADIUS_MI = 30
RESULT_LIMIT = 50
STATE_ONLY_PER_STATE = 10


@dataclass
class NearbyItem:
    body: Body
    distance_mi: float | None  # None for bodies placed only at state precision
    reason: str  # in English: the API and the CSV call list give it as data
    dormant: bool
    ask: Ask | None
    reason_shown: str = ""  # the reason in the reader's language, for the page


@dataclass
class StateGroup:
    state: str
    name: str
    total: int
    items: list[NearbyItem] = field(default_factory=list)


@dataclass
class Widening:
    """A wider search worth suggesting when nothing matched, with what it would find."""

    label: str  # in English
    changes: dict[str, Any]
    total: int
    radius_mi: float | None = None  # set for a wider radius

    @property
    def shown(self) -> str:
        """The label in the reader's language."""
        if self.radius_mi is not None:
            return gettext("a radius of %(radius)s", radius=words.miles(self.radius_mi))
        return gettext(self.label)


@dataclass
class NearbyResult:
    place: Place
    radius_mi: float
    filters: dict[str, Any]
    total: int
    items: list[NearbyItem]
    state_groups: list[StateGroup]
    widenings: list[Widening] = field(default_factory=list)
    districts: dict[int, BodyDistricts] = field(default_factory=dict)  # body id → its district(s)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.items)

    @property
    def is_empty(self) -> bool:
        return not self.items and not self.state_groups


def resolve_near(text: str) -> Lookup:
    """The place "near" names (ZIP or city), or the problem and close suggestions."""
    geocoder = geocoder_for()
    if isinstance(geocoder, GazetteerGeocoder):
        found = lookup(text)
    else:
        location = geocoder.geocode(text)
        found = Lookup(place_from(location)) if location is not None else lookup(text)
    place = found.place
    if place is not None and place.precision == "state":
        states = states_of_city().get(normalise_city(tidy(text)), [])
        suggestions = tuple(Suggestion(f"{tidy(text).title()}, {s}", f"{tidy(text).title()}, {s}")
                            for s in states[:6])
        return Lookup(None, gettext("“%(text)s” is a whole state: give a ZIP code or a city in %(state)s, "
                                    "such as 43215 or Columbus, OH.", text=tidy(text),
                                    state=state_name(place.state or "")), suggestions)
    return found


def _conditions(filters: dict[str, Any]) -> list:
    conditions = []
    prospects = prospect_condition(filters.get("prospects") or (), today())
    if prospects is not None:
        conditions.append(prospects)
    if filters.get("level"):
        conditions.append(Body.level == filters["level"])
    if filters.get("affiliation"):
        conditions.append(Body.affiliation == filters["affiliation"])
    if filters.get("cosponsor") is not None:
        conditions.append(Body.id.in_(bodies_in_districts_where_cosponsor(filters["cosponsor"])))
    return conditions


@dataclass(slots=True)
class _Point:
    """A position inside the radius and how many of the bodies searched for sit there.

    `haversine` is the spherical estimate's haversine (SphereFrom): it orders positions by
    distance without an arcsine for each."""

    haversine: float
    point: tuple[float, float]
    bodies: int
    exact: float | None = None


@dataclass(frozen=True)
class _Candidate:
    body_id: int
    exact: float
    name: str  # to break ties of distance (many bodies share a city's centre)
    parent_id: int | None  # read with the listed bodies


def _points(place: Place, radius_mi: float, conditions: list) -> list[_Point]:
    """Positions inside the radius holding bodies with a point position, with how many at each
    (the boundary decided by geodesic)."""
    boxes = bounding_boxes(place.latitude, place.longitude, radius_mi)
    in_box = or_(*(and_(Body.latitude.between(b.south, b.north), Body.longitude.between(b.west, b.east))
                   for b in boxes))
    grouped = (Body.latitude, Body.longitude)
    cells = cells_of(boxes) if db.engine.dialect.name == "sqlite" else None
    if cells is not None:  # seek the one-degree cells the box touches (see geo.cells)
        body_cell = cell(Body.latitude, Body.longitude)
        in_box = and_(among(body_cell, cells), in_box)
        grouped = (body_cell, *grouped)
    # Many bodies share a city's centre: counted per position in the order of the index,
    # thousands of bodies at wide radii come back as far fewer rows, read through the
    # connection without the ORM.
    rows = db.session.connection().execute(
        select(Body.latitude, Body.longitude, func.count())
        .where(in_box, Body.geocode_precision.in_(POINT_PRECISIONS), *conditions)
        .group_by(*grouped)).all()  # fetched at once, not row by row
    origin, (low, high) = SphereFrom(*place.point), sphere_bounds(place.latitude, radius_mi)
    # Surely inside below `inner`, surely outside above `outer`; measured exactly between.
    inner, outer = haversine_of(radius_mi / high), haversine_of(radius_mi / low)
    inside = []
    for lat, lon, bodies in rows:
        h = origin.haversine_to(lat, lon)
        exact = None
        if h > outer:
            continue
        if h > inner:
            exact = miles(place.point, (lat, lon))
            if exact > radius_mi:
                continue
        inside.append(_Point(h, (lat, lon), bodies, exact))
    return inside


def _nearest(place: Place, radius_mi: float, inside: list[_Point], limit: int,
             conditions: list) -> list[_Candidate]:
    """The bodies at the positions holding the `limit` nearest by geodesic distance (and any
    tied or too close to call), each with its distance."""
    inside.sort(key=lambda p: p.haversine)
    pool, reached = inside, 0
    for position in inside:
        reached += position.bodies
        if reached >= limit:
            # Nothing farther by estimate than this can be nearer by geodesic than it.
            low, high = sphere_bounds(place.latitude, radius_mi)
            ceiling = haversine_of(miles_of_haversine(position.haversine) * high / low)
            pool = [p for p in inside if p.haversine <= ceiling]
            break
    if not pool:
        return []
    for position in pool:
        if position.exact is None:
            position.exact = miles(place.point, position.point)
    distance = {position.point: position.exact for position in pool}
    # Their latitudes and their longitudes, each a list the index seeks (a list of pairs is not
    # sought on SQLite); a body at another pairing of the two is left out here.
    rows = db.session.connection().execute(
        select(Body.id, Body.latitude, Body.longitude, Body.name, Body.parent_id)
        .where(among(Body.latitude, sorted({lat for lat, _ in distance})),
               among(Body.longitude, sorted({lon for _, lon in distance})),
               Body.geocode_precision.in_(POINT_PRECISIONS), *conditions))
    return [_Candidate(body_id, distance[lat, lon], name, parent_id)
            for body_id, lat, lon, name, parent_id in rows if (lat, lon) in distance]


def _first_by_distance_and_name(pool: list[_Candidate], limit: int) -> list[_Candidate]:
    """The first `limit` of the pool by distance, then name and id. Many bodies can share one
    point (a city's centre): their names, read with their positions, break the tie, so only
    the bodies listed are loaded whole."""
    if len(pool) <= limit:
        return pool
    pool.sort(key=lambda c: (round(c.exact, 6), c.name, c.body_id))
    return pool[:limit]


def nearby(place: Place, radius_mi: float, filters: dict[str, Any] | None = None,
           limit: int = RESULT_LIMIT) -> NearbyResult:
    """Bodies within `radius_mi` of `place`, nearest first, with why, whom to ask and their district.

    filters: prospects (list of vocab.PROSPECTS keys, any of them), level, affiliation, cosponsor
    (True/False: in, or possibly in, a district whose representative has / has not cosponsored the
    current bill)."""
    if not RADIUS_MIN_MI <= radius_mi <= RADIUS_MAX_MI:
        raise ValueError(f"radius_mi must be between {RADIUS_MIN_MI} and {RADIUS_MAX_MI}")
    filters = filters or {}
    conditions = _conditions(filters)
    inside = _points(place, radius_mi, conditions)
    pool = _first_by_distance_and_name(_nearest(place, radius_mi, inside, limit, conditions), limit)
    state_only = _state_only(place, radius_mi, filters)
    # The listed bodies, measured and placed only in a state, and their parents, read whole in
    # one query by id (a join planned the parents as a merge over the whole table).
    listed = [c.body_id for c in pool] + [body_id for _, _, ids, _ in state_only for body_id in ids]
    parents = {c.parent_id for c in pool} | {p for *_, parent_ids in state_only for p in parent_ids}
    bodies = {b.id: b for b in db.session.scalars(
        select(Body).where(among(Body.id, sorted(set(listed) | parents - {None})))
        .options(links_loader()))}
    _load_parents([bodies[body_id] for body_id in listed], bodies)
    chosen = sorted(((bodies[c.body_id], c.exact) for c in pool),
                    key=lambda pair: (round(pair[1], 6), pair[0].name, pair[0].id))
    located_in_states = [(state, total, [bodies[body_id] for body_id in ids])
                         for state, total, ids, _ in state_only]
    everyone = [body for body, _ in chosen] + [b for _, _, group in located_in_states for b in group]
    asks = asks_for(everyone)
    day = today()

    english_reader = languages.current() == languages.DEFAULT

    def item(body: Body, distance: float | None) -> NearbyItem:
        reason = prospect_reason(body, day)
        return NearbyItem(body, distance, reason, is_dormant(body.last_activity_on, day), asks.get(body.id),
                          reason if english_reader else prospect_reason(body, day, say))

    groups = [StateGroup(state, state_name(state), total, [item(body, None) for body in group])
              for state, total, group in located_in_states]
    result = NearbyResult(place, radius_mi, filters, sum(position.bodies for position in inside),
                          [item(body, distance) for body, distance in chosen], groups)
    result.districts = districts_from_links(everyone)
    if not result.items:
        result.widenings = _widenings(place, radius_mi, filters)
    return result


def _load_parents(bodies, loaded: dict[int, Body]) -> None:
    """Each body's parent, from those loaded or else read in one query, set as loaded
    (`body.parent` asks no more)."""
    known = dict(loaded)
    missing = sorted({b.parent_id for b in bodies if b.parent_id is not None} - known.keys())
    if missing:
        known.update((p.id, p) for p in db.session.scalars(select(Body).where(among(Body.id, missing))))
    for body in bodies:
        set_committed_value(body, "parent", known.get(body.parent_id))


def _state_only(place: Place, radius_mi: float, filters: dict[str, Any]) -> list[tuple]:
    """Bodies placed only somewhere in a state the circle touches: listed apart, never measured.

    Returns (state, how many, the ids of the first few by name, their parents' ids) for each
    such state that has any."""
    states = states_near(place.latitude, place.longitude, radius_mi)
    if place.state:
        states.add(place.state)
    ordered = tuple(sorted(states))
    groups = _state_only_groups(ordered, filters)
    return [groups[state] for state in ordered if groups[state] is not None]


@versioned_each
def _state_only_groups(states: tuple[str, ...], filters: dict[str, Any]) -> dict[str, tuple]:
    """{state: (state, how many, the first few ids by name, their parents' ids)} of the bodies
    placed only in these states, read in one statement. Kept per state until the data changes:
    every search touching a state shares its group, whatever other states its circle touches."""
    located_in = and_(Body.state.in_(states), Body.geocode_precision == "state", *_conditions(filters))
    ranked = select(
        Body.id, Body.state, Body.name, Body.parent_id,
        func.row_number().over(partition_by=Body.state, order_by=(Body.name, Body.id)).label("rank"),
        func.count().over(partition_by=Body.state).label("total"),
    ).where(located_in).subquery()
    groups: dict[str, tuple[int, list[int], set[int]]] = {}
    for body_id, state, parent_id, total in db.session.execute(
            select(ranked.c.id, ranked.c.state, ranked.c.parent_id, ranked.c.total)
            .where(ranked.c.rank <= STATE_ONLY_PER_STATE)
            .order_by(ranked.c.state, ranked.c.name, ranked.c.id)):
        group = groups.setdefault(state, (total, [], set()))
        group[1].append(body_id)
        if parent_id is not None:
            group[2].add(parent_id)
    return {state: (state, total, tuple(ids), tuple(sorted(parents)))
            for state, (total, ids, parents) in groups.items()}


def count_within(place: Place, radius_mi: float, filters: dict[str, Any]) -> int:
    return sum(position.bodies for position in _points(place, radius_mi, _conditions(filters)))


def _widenings(place: Place, radius_mi: float, filters: dict[str, Any]) -> list[Widening]:
    """What to widen when nothing matched: the radius, the prospect filter, level and affiliation."""
    options = []
    if radius_mi < RADIUS_MAX_MI:
        wider = min(RADIUS_MAX_MI, max(radius_mi * 2, 50))
        options.append(Widening(f"a radius of {wider:g} miles", {"radius_mi": f"{wider:g}"},
                                count_within(place, wider, filters), wider))
    if filters.get("prospects"):
        options.append(Widening(N_("any kind of body (no prospect filter)"), {"prospect": None},
                                count_within(place, radius_mi, {**filters, "prospects": []})))
    if filters.get("level") or filters.get("affiliation"):
        unfiltered = {**filters, "level": None, "affiliation": None}
        options.append(Widening(N_("any level and affiliation"), {"level": None, "affiliation": None},
                                count_within(place, radius_mi, unfiltered)))
    if filters.get("cosponsor") is not None:
        options.append(Widening(N_("any congressional district"), {"cosponsor": None},
                                count_within(place, radius_mi, {**filters, "cosponsor": None})))
    return options


@versioned
def affiliation_choices() -> tuple[str, ...]:
    """Affiliations present in the registry, for the filter: read once per data version (a
    pass over the whole registry's affiliations, 11 ms at 100,000 bodies on PostgreSQL)."""
    return tuple(db.session.scalars(
        select(Body.affiliation).where(Body.affiliation.is_not(None))
        .group_by(Body.affiliation).order_by(Body.affiliation)))
