"""Queries behind the district pages and API: figures per district, the pressure points, the
bodies of one district, and the district lines shown beside bodies everywhere else.

Bodies count in a district when it is certainly theirs; bodies that may be in it (their ZIP or
city spans several districts) are counted apart, never mixed in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import joinedload, selectinload

from registry.cache import district_versioned, versioned
from registry.database import db
from registry.districts.congress import (
    CURRENT_BILL,
    CURRENT_CONGRESS,
    district_code,
    parse_code,
    seat_label,
)
from registry.districts.roster import CongressLine, Representative, Roster, SeatCongress, roster
from registry.followthrough.ladder import MOBILIZED_TIER
from registry.followthrough.status import today
from registry.geo import state_name
from registry.models import Body, BodyDistrict, District, DistrictDataLoad
from registry.text import N_

SORTS = {
    "pressure": N_("Pressure points first"),
    "district": N_("District (state, number)"),
    "endorsing": N_("Most endorsing bodies"),
    "gap": N_("Widest gap"),
}


@dataclass(frozen=True)
class Counts:
    """Union bodies of a district and how far the endorsing ones followed through."""

    total: int = 0
    endorsing: int = 0
    checked: int = 0  # endorsing bodies with a published check or action
    mobilized: int = 0  # endorsing bodies at tier 3 or 4
    paper_only: int = 0  # checked endorsing bodies at tier 0

    @property
    def unchecked(self) -> int:
        return self.endorsing - self.checked

    @property
    def gap(self) -> float | None:
        """Share of endorsing bodies that never mobilized; None when none endorsed."""
        return None if not self.endorsing else 1 - self.mobilized / self.endorsing

    @property
    def gap_among_checked(self) -> float | None:
        return None if not self.checked else 1 - self.mobilized / self.checked


@dataclass(frozen=True)
class Seat:
    """A district of the current map with its representative today."""

    id: int
    code: str
    state: str
    number: int
    congress: int
    latitude: float | None
    longitude: float | None
    representative: Representative | None
    cosponsored_on: date | None  # of the current bill, by today's representative
    original: bool

    @property
    def cosponsor(self) -> bool | None:
        """Whether today's representative cosponsored the current bill (None: no one on record)."""
        return None if self.representative is None else self.cosponsored_on is not None

    @property
    def state_name(self) -> str:
        return state_name(self.state)

    @property
    def label(self) -> str:
        """'Ohio district 3', 'Vermont at-large seat', in the reader's language."""
        if self.number:
            return gettext("%(state)s district %(number)s", state=self.state_name, number=self.number)
        if seat_label(self.state, self.number) == "delegate seat":
            return gettext("%(state)s delegate seat", state=self.state_name)
        return gettext("%(state)s at-large seat", state=self.state_name)


@dataclass(frozen=True)
class DistrictSummary:
    seat: Seat
    here: Counts  # bodies certainly in the district
    maybe: Counts  # bodies that may be in it

    @property
    def pressure_point(self) -> bool:
        """Endorsing union bodies in the district, and a representative who has not cosponsored."""
        return self.seat.cosponsor is False and self.here.endorsing > 0


def _seat(district: District, people: Roster, day: date) -> Seat:
    representative = people.representative((district.state, district.number), day)
    cosponsor = people.cosponsorship(representative.bioguide_id, CURRENT_CONGRESS) \
        if representative else None
    return Seat(district.id, district.code, district.state, district.number, district.congress,
                district.latitude, district.longitude, representative,
                cosponsor.on if cosponsor else None, bool(cosponsor and cosponsor.original))


@district_versioned
def seats() -> dict[int, Seat]:
    """Every district of the current map with today's representative (cached per data version)."""
    people, day = roster(), today()
    districts = db.session.scalars(select(District).where(District.congress == CURRENT_CONGRESS)
                                   .order_by(District.state, District.number))
    return {district.id: _seat(district, people, day) for district in districts}


def districts_loaded() -> bool:
    return db.session.scalar(select(District.id).where(District.congress == CURRENT_CONGRESS)
                             .limit(1)) is not None


def _count_columns() -> tuple:
    checked = Body.checked.is_(True)  # a published check or any published action
    # The gap counts union bodies; allied organizations are shown but not counted.
    endorsing = and_(Body.endorsing.is_(True), Body.organization_type == "union")

    def count_if(*conditions):
        return func.count(case((and_(*conditions), 1)))

    return (func.count().label("total"), count_if(endorsing).label("endorsing"),
            count_if(endorsing, checked).label("checked"),
            count_if(endorsing, Body.tier >= MOBILIZED_TIER).label("mobilized"),
            count_if(endorsing, checked, Body.tier == 0).label("paper_only"))


@versioned
def district_counts() -> dict[tuple[int, bool], Counts]:
    """(district id, certain) → counts of its bodies: one grouped query."""
    query = (select(BodyDistrict.district_id, BodyDistrict.certain, *_count_columns())
             .join(Body, BodyDistrict.body_id == Body.id)
             .group_by(BodyDistrict.district_id, BodyDistrict.certain))
    return {(row.district_id, row.certain): Counts(row.total, row.endorsing, row.checked, row.mobilized,
                                                   row.paper_only)
            for row in db.session.execute(query)}


def summaries() -> list[DistrictSummary]:
    counts = district_counts()
    return [DistrictSummary(seat, counts.get((seat.id, True), Counts()),
                            counts.get((seat.id, False), Counts())) for seat in seats().values()]


def pressure_key(summary: DistrictSummary) -> tuple:
    """Non-cosponsors first; then most endorsing bodies in the district, then most that may be."""
    return (summary.seat.cosponsor is not False, -summary.here.endorsing, -summary.maybe.endorsing,
            -summary.here.total, summary.seat.state, summary.seat.number)


ORDERS = {
    "pressure": pressure_key,
    "district": lambda s: (s.seat.state, s.seat.number),
    "endorsing": lambda s: (-s.here.endorsing, -s.maybe.endorsing, s.seat.state, s.seat.number),
    "gap": lambda s: (s.here.gap is None, -(s.here.gap or 0), -s.here.endorsing, s.seat.state,
                      s.seat.number),
}


def cosponsored(seat: Seat, bill: str | None = None) -> bool | None:
    """Whether today's representative cosponsored `bill` (a House Medicare for All bill code;
    the current one by default). None when no representative is on record."""
    if bill in (None, CURRENT_BILL):
        return seat.cosponsor
    if seat.representative is None:
        return None
    people = roster()
    congress = next((c for c, (code, _) in people.bills.items() if code == bill), None)
    return congress is not None and \
        people.cosponsorship(seat.representative.bioguide_id, congress) is not None


def list_districts(filters: dict[str, Any]) -> list[DistrictSummary]:
    """Districts matching state / cosponsor (of `bill`), in the order `sort` names."""
    found = summaries()
    if filters.get("state"):
        found = [s for s in found if s.seat.state == filters["state"]]
    if filters.get("cosponsor") is not None:
        found = [s for s in found if cosponsored(s.seat, filters.get("bill")) is filters["cosponsor"]]
    return sorted(found, key=ORDERS.get(filters.get("sort") or "pressure", pressure_key))


def pressure_points(limit: int = 10) -> list[DistrictSummary]:
    """The districts with the most endorsing union bodies whose representative has not
    cosponsored the current bill."""
    return sorted((s for s in summaries() if s.pressure_point), key=pressure_key)[:limit]


def find_seat(code: str) -> Seat | None:
    parsed = parse_code(code)
    if parsed is None:
        return None
    return next((s for s in seats().values() if (s.state, s.number) == parsed), None)


def canonical_code(code: str) -> str | None:
    parsed = parse_code(code)
    return district_code(*parsed) if parsed else None


@dataclass(frozen=True)
class DistrictRecord:
    """A district as the API gives it (DistrictSchema)."""

    summary: DistrictSummary
    cosponsorship: list[CongressLine]
    seat_history: list[SeatCongress] | None = None

    code = property(lambda self: self.summary.seat.code)
    state = property(lambda self: self.summary.seat.state)
    number = property(lambda self: self.summary.seat.number)
    congress = property(lambda self: self.summary.seat.congress)
    representative = property(lambda self: self.summary.seat.representative)
    bodies = property(lambda self: self.summary.here)
    bodies_possibly_in = property(lambda self: self.summary.maybe)
    pressure_point = property(lambda self: self.summary.pressure_point)
    url = property(lambda self: f"/districts/{self.summary.seat.code}")


def record_for(summary: DistrictSummary, *, history: bool = False) -> DistrictRecord:
    people = roster()
    seat = summary.seat
    key = (seat.state, seat.number)
    lines = people.lines(seat.representative.bioguide_id, key) if seat.representative else []
    return DistrictRecord(summary, lines, people.history(key) if history else None)


@dataclass
class DistrictPage:
    summary: DistrictSummary
    lines: list[CongressLine]  # today's representative, each Congress
    history: list[SeatCongress]  # who held the seat in each Congress
    here: list[Body]
    maybe: list[tuple[Body, list[str]]]  # with every district it may be in
    neighbours: list[Seat] = field(default_factory=list)  # the state's other districts


def district_page(seat: Seat) -> DistrictPage:
    """Everything /districts/<code> shows, in a fixed number of queries."""
    people = roster()
    counts = district_counts()
    summary = DistrictSummary(seat, counts.get((seat.id, True), Counts()),
                              counts.get((seat.id, False), Counts()))
    key = (seat.state, seat.number)
    lines = people.lines(seat.representative.bioguide_id, key) if seat.representative else []
    links = db.session.execute(
        select(Body, BodyDistrict.certain).join(BodyDistrict, BodyDistrict.body_id == Body.id)
        .where(BodyDistrict.district_id == seat.id)
        .order_by(Body.endorsing.desc(), Body.tier.desc(), Body.name, Body.id)).all()
    here = [body for body, certain in links if certain]
    uncertain = [body for body, certain in links if not certain]
    others = candidates_of([body.id for body in uncertain])
    maybe = [(body, others.get(body.id, [])) for body in uncertain]
    neighbours = [s for s in seats().values() if s.state == seat.state and s.id != seat.id]
    return DistrictPage(summary, lines, people.history(key), here, maybe, neighbours)


def candidates_of(body_ids: list[int]) -> dict[int, list[str]]:
    """Every district code each of these bodies may be in (one query)."""
    found: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(body_ids), 500):
        for body_id, code in db.session.execute(
                select(BodyDistrict.body_id, District.code)
                .join(District, BodyDistrict.district_id == District.id)
                .where(BodyDistrict.body_id.in_(body_ids[start:start + 500]))
                .order_by(BodyDistrict.body_id, District.state, District.number)):
            found[body_id].append(code)
    return found


@dataclass(frozen=True)
class BodyDistricts:
    """The district(s) of one body, with each district's representative today."""

    basis: str  # zip, city or coordinates
    seats: tuple[Seat, ...]

    @property
    def certain(self) -> bool:
        return len(self.seats) == 1

    @property
    def codes(self) -> list[str]:
        return [seat.code for seat in self.seats]

    @property
    def label(self) -> str:
        """'OR-3', 'OR-1 or OR-3', 'one of IL-1, IL-2 or IL-7'."""
        codes = self.codes
        if len(codes) == 1:
            return codes[0]
        if len(codes) == 2:
            return gettext("%(first)s or %(last)s", first=codes[0], last=codes[1])
        return gettext("one of %(codes)s or %(last)s", codes=", ".join(codes[:-1]), last=codes[-1])

    @property
    def cosponsor(self) -> bool | None:
        """True: every candidate district's representative cosponsored the current bill; False:
        none did; None: they differ (or no representative is on record)."""
        answers = {seat.cosponsor for seat in self.seats}
        return answers.pop() if len(answers) == 1 else None


def districts_of(body_ids: Iterable[int]) -> dict[int, BodyDistricts]:
    """The districts of these bodies (one query, plus the cached seats)."""
    ids = sorted(set(body_ids))
    by_id = seats()
    found: dict[int, list[tuple[str, Seat]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        for body_id, district_id, basis in db.session.execute(
                select(BodyDistrict.body_id, BodyDistrict.district_id, BodyDistrict.basis)
                .where(BodyDistrict.body_id.in_(ids[start:start + 500]))):
            if district_id in by_id:
                found[body_id].append((basis, by_id[district_id]))
    return {body_id: BodyDistricts(pairs[0][0], tuple(sorted((s for _, s in pairs),
                                                              key=lambda s: (s.state, s.number))))
            for body_id, pairs in found.items()}


def districts_from_links(bodies: Iterable[Body]) -> dict[int, BodyDistricts]:
    """The districts of bodies loaded with links_loader(): no query beyond the cached seats (and
    none at all when no body has a district)."""
    linked = [body for body in bodies if body.district_links]
    if not linked:
        return {}
    by_id = seats()
    found = {}
    for body in linked:
        chosen = sorted((by_id[link.district_id] for link in body.district_links
                         if link.district_id in by_id), key=lambda s: (s.state, s.number))
        if chosen:
            found[body.id] = BodyDistricts(body.district_links[0].basis, tuple(chosen))
    return found


def district_ids_where_cosponsor(cosponsor: bool) -> list[int]:
    """Districts whose representative today has (or has not) cosponsored the current bill."""
    return sorted(seat.id for seat in seats().values() if seat.cosponsor is cosponsor)


def bodies_in_districts_where_cosponsor(cosponsor: bool):
    """Ids of bodies in (or possibly in) such a district, as a subquery for body filters."""
    return select(BodyDistrict.body_id).where(
        BodyDistrict.district_id.in_(district_ids_where_cosponsor(cosponsor)))


def links_loader():
    """Loader option for bodies whose records show their district."""
    return selectinload(Body.district_links).options(joinedload(BodyDistrict.district))


def latest_load() -> DistrictDataLoad | None:
    """The last district data load that changed something."""
    return db.session.scalar(select(DistrictDataLoad).order_by(DistrictDataLoad.id.desc()).limit(1))
