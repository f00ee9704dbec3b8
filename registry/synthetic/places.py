"""Where synthetic bodies sit: states weighted by population, real ZIPs and city centres."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import zipcodes

from registry.geo import city_place, state_place
from registry.synthetic.populations import STATE_POPULATIONS_2020

# Share of bodies at each geocode precision; "none" bodies have a city and state but no
# coordinates yet (what `flask geocode` is for).
PRECISION_WEIGHTS = {"zip": 0.35, "city": 0.50, "state": 0.12, "none": 0.03}


@dataclass(frozen=True)
class Address:
    city: str | None
    state: str
    zip: str | None
    latitude: float | None
    longitude: float | None
    precision: str | None

    def columns(self) -> dict:
        return {"city": self.city, "state": self.state, "zip": self.zip,
                "latitude": self.latitude, "longitude": self.longitude,
                "geocode_precision": self.precision}


@cache
def _standard_zips() -> dict[str, list[tuple[str, str, float, float]]]:
    """Delivery ZIPs (no PO boxes, military or single-building codes) by state."""
    by_state: dict[str, list[tuple[str, str, float, float]]] = {}
    for row in zipcodes.list_all():
        if row["zip_code_type"] != "STANDARD" or row["state"] not in STATE_POPULATIONS_2020:
            continue
        if float(row["lat"]) == 0.0 and float(row["long"]) == 0.0:  # listed without a position
            continue
        by_state.setdefault(row["state"], []).append(
            (row["zip_code"], row["city"], float(row["lat"]), float(row["long"])))
    return by_state


class Placer:
    """Draws addresses; one instance per generation run so its random stream is reproducible."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.states = sorted(STATE_POPULATIONS_2020)
        self.state_weights = [STATE_POPULATIONS_2020[s] for s in self.states]
        self.precisions = list(PRECISION_WEIGHTS)
        self.precision_weights = list(PRECISION_WEIGHTS.values())
        self._city_centres: dict[tuple[str, str], tuple[float, float] | None] = {}

    def state(self) -> str:
        return self.rng.choices(self.states, self.state_weights)[0]

    def states_by_population(self, count: int) -> list[str]:
        """`count` distinct states, more populous ones more likely (all of them at 51)."""
        pool, weights, chosen = list(self.states), list(self.state_weights), []
        while pool and len(chosen) < count:
            index = self.rng.choices(range(len(pool)), weights)[0]
            chosen.append(pool.pop(index))
            weights.pop(index)
        return chosen

    def city_centre(self, city: str, state: str) -> tuple[float, float] | None:
        key = (city, state)
        if key not in self._city_centres:
            place = city_place(city, state)
            self._city_centres[key] = (place.latitude, place.longitude) if place else None
        return self._city_centres[key]

    def address(self, state: str | None = None, precision: str | None = None) -> Address:
        state = state or self.state()
        precision = precision or self.rng.choices(self.precisions, self.precision_weights)[0]
        zip_code, city, lat, lon = self.rng.choice(_standard_zips()[state])
        if precision == "zip":
            return Address(city, state, zip_code, lat, lon, "zip")
        if precision == "city":
            centre = self.city_centre(city, state)
            if centre:
                return Address(city, state, None, centre[0], centre[1], "city")
            return Address(city, state, zip_code, lat, lon, "zip")
        if precision == "state":
            place = state_place(state)
            return Address(None, state, None, place.latitude, place.longitude, "state")
        return Address(city, state, None, None, None, None)

    def city_address(self, city: str, state: str) -> Address:
        centre = self.city_centre(city, state)
        if centre is None:
            return self.address(state, "city")
        return Address(city, state, None, centre[0], centre[1], "city")
