"""Which congressional district(s) of the current map each body is in.

A body placed at ZIP (or exact) precision takes the districts of its ZIP's ZIP Code Tabulation
Area; one placed at city precision, or whose ZIP has no area, takes those of its city's ZIPs. Where
that gives several districts, a body with an exact position is narrowed to the district whose
single-district ZIP areas lie clearly nearest (at most half as far as any other candidate's);
otherwise it keeps every candidate ("district A or B"). Bodies placed only by state get none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from registry.database import db
from registry.districts.congress import CURRENT_CONGRESS
from registry.geo import sphere_miles
from registry.geo.gazetteer import city_zip_codes, zip_row
from registry.models import Body, BodyDistrict, District, ZipDistrict

CHUNK = 500
NARROWING_RATIO = 0.5
PLACED = ("exact", "zip", "city")


@dataclass(frozen=True)
class Placement:
    district_ids: tuple[int, ...]
    basis: str  # zip, city or coordinates

    @property
    def certain(self) -> bool:
        return len(self.district_ids) == 1


class _ZipAreas:
    """ZIP area → districts (with their states) of the current map, read as needed."""

    def __init__(self) -> None:
        self.areas: dict[str, set[tuple[int, str]]] = {}
        self.states: dict[str, dict[str, set[int]]] = {}

    def read(self, zctas: set[str] | None) -> None:
        """Read these areas (all of them when None)."""
        query = (select(ZipDistrict.zcta, ZipDistrict.district_id, District.state)
                 .join(District, ZipDistrict.district_id == District.id)
                 .where(District.congress == CURRENT_CONGRESS))
        if zctas is None:
            self._add(db.session.execute(query))
            return
        wanted = sorted(zctas - set(self.areas))
        for zcta in wanted:
            self.areas[zcta] = set()
        for start in range(0, len(wanted), CHUNK):
            self._add(db.session.execute(query.where(ZipDistrict.zcta.in_(wanted[start:start + CHUNK]))))

    def _add(self, rows) -> None:
        for zcta, district_id, state in rows:
            self.areas.setdefault(zcta, set()).add((district_id, state))

    def districts(self, zctas: Iterable[str], state: str | None) -> set[int]:
        found = {pair for zcta in zctas for pair in self.areas.get(zcta, ())}
        in_state = {d for d, s in found if s == state}
        return in_state or {d for d, _ in found}

    def of_state(self, state: str) -> dict[str, set[int]]:
        """Every ZIP area of a state with its districts (for narrowing by position)."""
        if state not in self.states:
            areas: dict[str, set[int]] = defaultdict(set)
            for zcta, district_id in db.session.execute(
                    select(ZipDistrict.zcta, ZipDistrict.district_id)
                    .join(District, ZipDistrict.district_id == District.id)
                    .where(District.congress == CURRENT_CONGRESS, District.state == state)):
                areas[zcta].add(district_id)
            self.states[state] = dict(areas)
        return self.states[state]


def _zip_codes(body) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The body's own ZIP (if any) and its city's ZIPs (if any)."""
    own = (body.zip.strip()[:5],) if body.zip and body.zip.strip()[:5].isdigit() else ()
    city = city_zip_codes(body.city, body.state) if body.city and body.state else ()
    return own, city


def narrow(latitude: float, longitude: float, candidates: set[int],
           areas: dict[str, set[int]]) -> int | None:
    """The candidate whose single-district ZIP areas are clearly nearest the point, if one is."""
    nearest: dict[int, float] = {}
    for zcta, district_ids in areas.items():
        if len(district_ids) != 1 or not district_ids <= candidates or (row := zip_row(zcta)) is None:
            continue
        (district_id,) = district_ids
        distance = sphere_miles(latitude, longitude, float(row["lat"]), float(row["long"]))
        nearest[district_id] = min(distance, nearest.get(district_id, distance))
    ranked = sorted(nearest.items(), key=lambda item: item[1])
    if len(ranked) >= 2 and ranked[0][1] <= NARROWING_RATIO * ranked[1][1]:
        return ranked[0][0]
    return None


def placement_for(body, areas: _ZipAreas) -> Placement | None:
    """Where the body is, from its place on record (the areas must already be read)."""
    if body.geocode_precision not in PLACED:
        return None
    own, city = _zip_codes(body)
    ids, basis = areas.districts(own, body.state), "zip"
    if not ids:
        ids, basis = areas.districts(city, body.state), "city"
    if not ids:
        return None
    if len(ids) > 1 and body.geocode_precision == "exact" and body.state and body.latitude is not None:
        chosen = narrow(body.latitude, body.longitude, ids, areas.of_state(body.state))
        if chosen is not None:
            return Placement((chosen,), "coordinates")
    return Placement(tuple(sorted(ids)), basis)


def assign_districts(body_ids: Iterable[int] | None = None) -> int:
    """Set the district links of these bodies (every body when None) from their place on record;
    returns how many bodies' links changed. Flushes, never commits."""
    columns = (Body.id, Body.zip, Body.city, Body.state, Body.latitude, Body.longitude,
               Body.geocode_precision)
    if body_ids is None:
        ids = list(db.session.scalars(select(Body.id).order_by(Body.id)))
    else:
        ids = sorted(set(body_ids))
    if not ids:
        return 0
    db.session.flush()
    areas = _ZipAreas()
    if body_ids is None:
        areas.read(None)
    changed = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        bodies = db.session.execute(select(*columns).where(Body.id.in_(chunk))).all()
        if body_ids is not None:
            areas.read({z for body in bodies for part in _zip_codes(body) for z in part})
        links: dict[int, set[tuple[int, bool, str]]] = defaultdict(set)
        for body_id, district_id, certain, basis in db.session.execute(
                select(BodyDistrict.body_id, BodyDistrict.district_id, BodyDistrict.certain,
                       BodyDistrict.basis).where(BodyDistrict.body_id.in_(chunk))):
            links[body_id].add((district_id, certain, basis))
        stale, fresh = [], []
        for body in bodies:
            placement = placement_for(body, areas)
            wanted = set() if placement is None else {
                (d, placement.certain, placement.basis) for d in placement.district_ids}
            if wanted != links[body.id]:
                changed += 1
                stale.append(body.id)
                fresh.extend({"body_id": body.id, "district_id": d, "certain": certain, "basis": basis}
                             for d, certain, basis in wanted)
        if stale:
            db.session.execute(delete(BodyDistrict).where(BodyDistrict.body_id.in_(stale)))
            _forget_links(set(stale))
        if fresh:
            db.session.execute(insert(BodyDistrict), fresh)
    return changed


def _forget_links(body_ids: set[int]) -> None:
    """Loaded bodies re-read their district links (they were rewritten below the ORM)."""
    for instance in list(db.session.identity_map.values()):
        if isinstance(instance, Body) and instance.id in body_ids:
            db.session.expire(instance, ["district_links"])
        elif isinstance(instance, BodyDistrict) and instance.body_id in body_ids:
            db.session.expunge(instance)
