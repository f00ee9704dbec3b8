"""The offline gazetteer: US ZIP codes and city centres from the `zipcodes` package, state names
from `us`. Everything is read once per process and answered from memory."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from statistics import fmean

import us
import zipcodes

from registry.vocab import STATE_CODES


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    precision: str  # "exact", "zip", "city" or "state"
    label: str
    state: str | None = None

    @property
    def point(self) -> tuple[float, float]:
        return self.latitude, self.longitude


def normalise_city(city: str) -> str:
    text = re.sub(r"[.'\-]", " ", city.strip().lower())
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^ste\s", "sainte ", text)
    text = re.sub(r"^st\s", "saint ", text)
    text = re.sub(r"^ft\s", "fort ", text)
    return re.sub(r"^mt\s", "mount ", text)


def _has_position(row: dict) -> bool:
    return bool(row["lat"] and row["long"]) and (float(row["lat"]), float(row["long"])) != (0.0, 0.0)


@cache
def zip_rows() -> dict[str, dict]:
    """Every ZIP the gazetteer can place: the package lists some (military, a few others) at 0, 0."""
    return {row["zip_code"]: row for row in zipcodes.list_all() if _has_position(row)}


@cache
def _city_index() -> dict[tuple[str, str], list[tuple[str, bool]]]:
    """(normalised city, state) → the ZIP codes naming that city, each with whether the city is
    the ZIP's own name (not only an acceptable one)."""
    index: dict[tuple[str, str], list[tuple[str, bool]]] = {}
    for code, row in zip_rows().items():
        for rank, name in enumerate([row["city"], *row.get("acceptable_cities", [])]):
            index.setdefault((normalise_city(name), row["state"]), []).append((code, rank == 0))
    return index


def city_zip_codes(city: str, state: str) -> tuple[str, ...]:
    """The ZIP codes of a city: those that name it as their own city, else every ZIP that
    accepts its name."""
    codes = _city_index().get((normalise_city(city), state.upper()), ())
    own = tuple(code for code, primary in codes if primary)
    return own or tuple(code for code, _ in codes)


@cache
def city_names() -> dict[tuple[str, str], str]:
    """The spelling to show for each (normalised city, state): the ZIP file's own."""
    names: dict[tuple[str, str], str] = {}
    for row in zip_rows().values():
        for name in [row["city"], *row.get("acceptable_cities", [])]:
            names.setdefault((normalise_city(name), row["state"]), name)
    return names


@cache
def cities_in_state() -> dict[str, list[str]]:
    by_state: dict[str, list[str]] = {}
    for city, state in _city_index():
        by_state.setdefault(state, []).append(city)
    return by_state


@cache
def states_of_city() -> dict[str, list[str]]:
    by_name: dict[str, list[str]] = {}
    for city, state in sorted(_city_index()):
        by_name.setdefault(city, []).append(state)
    return by_name


@cache
def state_points() -> dict[str, list[tuple[float, float]]]:
    points: dict[str, list[tuple[float, float]]] = {}
    for row in zip_rows().values():
        points.setdefault(row["state"], []).append((float(row["lat"]), float(row["long"])))
    return points


@cache
def state_codes_by_name() -> dict[str, str]:
    """Lower-case state and territory names (and codes) → two-letter code."""
    names = {}
    for state in us.states.STATES_AND_TERRITORIES:
        if state.abbr in STATE_CODES:
            names[state.name.lower()] = state.abbr
            names[state.abbr.lower()] = state.abbr
    return names


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    return round(fmean(p[0] for p in points), 5), round(fmean(p[1] for p in points), 5)


def state_name(code: str) -> str:
    state = us.states.lookup(code) if code and len(code) == 2 else None
    return state.name if state else code


def zip_row(code: str) -> dict | None:
    return zip_rows().get(code.strip()[:5])


def zip_place(code: str) -> Place | None:
    row = zip_row(code)
    if row is None:
        return None
    return Place(float(row["lat"]), float(row["long"]), "zip",
                 f"{row['zip_code']} ({row['city']}, {row['state']})", row["state"])


def city_place(city: str, state: str) -> Place | None:
    """The centre of a city's ZIP codes."""
    key = (normalise_city(city), state.upper())
    codes = _city_index().get(key)
    if not codes:
        return None
    rows = zip_rows()
    points = [(float(rows[code]["lat"]), float(rows[code]["long"])) for code, _ in codes]
    lat, lon = _centre(points)
    return Place(lat, lon, "city", f"{city_names()[key]}, {state.upper()}", state.upper())


def state_place(state: str) -> Place | None:
    """The centre of a state's ZIP codes: a stand-in position, never a real location."""
    points = state_points().get(state.upper())
    if not points:
        return None
    lat, lon = _centre(points)
    return Place(lat, lon, "state", state_name(state.upper()), state.upper())


def place_for_body(city: str | None, state: str | None, zip_code: str | None = None) -> Place | None:
    """The most precise offline position the body's address supports."""
    if zip_code and (place := zip_place(zip_code)):
        return place
    if city and state and (place := city_place(city, state)):
        return place
    if state:
        return state_place(state)
    return None
