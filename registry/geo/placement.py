"""Fill in missing body coordinates: the most precise place each address supports, and why not."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from geopy.geocoders.base import Geocoder
from sqlalchemy import select

from registry.database import db
from registry.districts.placement import assign_districts
from registry.geo.gazetteer import Place, city_place, state_place, zip_place
from registry.geo.geocoders import GazetteerGeocoder, place_from
from registry.models import Body

EXAMPLES = 5


@dataclass
class Placement:
    place: Place | None
    note: str | None = None  # why it is less precise than hoped, or why it failed


@dataclass
class GeocodeReport:
    placed: Counter = field(default_factory=Counter)  # precision → bodies
    notes: Counter = field(default_factory=Counter)  # reason → bodies (placed coarsely or not at all)
    failed: Counter = field(default_factory=Counter)  # reason → bodies left without coordinates
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, counter: Counter, reason: str, name: str) -> None:
        counter[reason] += 1
        shown = self.examples.setdefault(reason, [])
        if len(shown) < EXAMPLES:
            shown.append(name)


def offline_placement(city: str | None, state: str | None, zip_code: str | None) -> Placement:
    """ZIP, then city and state, then state alone; each miss explained."""
    misses = []
    if zip_code:
        if place := zip_place(zip_code):
            return Placement(place)
        misses.append(f"ZIP {zip_code} is not in the gazetteer")
    if city and state:
        if place := city_place(city, state):
            return Placement(place, "; ".join(misses) or None)
        misses.append(f"“{city}, {state}” is not in the gazetteer")
    if state:
        if place := state_place(state):
            return Placement(place, "; ".join(misses) or ("only the state is on record" if not city
                                                            else f"no state given for {city}"))
        misses.append(f"state code “{state}” is unknown")
    if not misses:
        misses.append("no ZIP, city or state on record")
    return Placement(None, "; ".join(misses))


def placement_for(body: Body, geocoder: Geocoder) -> Placement:
    if isinstance(geocoder, GazetteerGeocoder):
        return offline_placement(body.city, body.state, body.zip)
    query = ", ".join(part for part in (body.city, " ".join(p for p in (body.state, body.zip) if p)) if part)
    location = geocoder.geocode(query) if query else None
    if location is not None:
        return Placement(place_from(location))
    return offline_placement(body.city, body.state, body.zip)


def bodies_without_coordinates() -> list[int]:
    return list(db.session.scalars(select(Body.id).where(Body.latitude.is_(None)).order_by(Body.id)))


def place_bodies(ids: list[int], geocoder: Geocoder, progress: Callable[[int], None] | None = None,
                 batch: int = 500) -> GeocodeReport:
    """Set coordinates and precision on these bodies; commits after each batch (the work is
    idempotent: a rerun continues where an interrupted one stopped)."""
    report = GeocodeReport()
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        for body in db.session.scalars(select(Body).where(Body.id.in_(chunk)).order_by(Body.id)):
            placement = placement_for(body, geocoder)
            if placement.place is None:
                report.note(report.failed, placement.note or "unknown", body.name)
                continue
            body.latitude, body.longitude = placement.place.latitude, placement.place.longitude
            body.geocode_precision = placement.place.precision
            report.placed[placement.place.precision] += 1
            if placement.note:
                report.note(report.notes, placement.note, body.name)
        assign_districts(chunk)
        db.session.commit()
        if progress:
            progress(len(chunk))
    return report
