"""Offline geography: the ZIP gazetteer (the `zipcodes` and `us` packages) and distances."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from statistics import fmean

import us
import zipcodes


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    precision: str  # "zip", "city" or "state"
    label: str


def normalise_city(city: str) -> str:
    text = re.sub(r"[.'\-]", " ", city.strip().lower())
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^ste\s", "sainte ", text)
    text = re.sub(r"^st\s", "saint ", text)
    text = re.sub(r"^ft\s", "fort ", text)
    return re.sub(r"^mt\s", "mount ", text)


@cache
def _zip_rows() -> dict[str, dict]:
    """Every ZIP the gazetteer can place: the package lists some (military, a few others) at 0, 0."""
    return {row["zip_code"]: row for row in zipcodes.list_all() if _has_position(row)}


def _has_position(row: dict) -> bool:
    return bool(row["lat"] and row["long"]) and (float(row["lat"]), float(row["long"])) != (0.0, 0.0)


@cache
def _city_index() -> dict[tuple[str, str], list[tuple[float, float]]]:
    index: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for row in _zip_rows().values():
        if not row["lat"] or not row["long"]:
            continue
        point = (float(row["lat"]), float(row["long"]))
        for name in [row["city"], *row.get("acceptable_cities", [])]:
            index.setdefault((normalise_city(name), row["state"]), []).append(point)
    return index


@cache
def _state_points() -> dict[str, list[tuple[float, float]]]:
    points: dict[str, list[tuple[float, float]]] = {}
    for row in _zip_rows().values():
        if row["lat"] and row["long"]:
            points.setdefault(row["state"], []).append((float(row["lat"]), float(row["long"])))
    return points


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    return round(fmean(p[0] for p in points), 5), round(fmean(p[1] for p in points), 5)


def state_name(code: str) -> str:
    state = us.states.lookup(code)
    return state.name if state else code


def zip_place(code: str) -> Place | None:
    row = _zip_rows().get(code.strip()[:5])
    if row is None or not row["lat"]:
        return None
    return Place(float(row["lat"]), float(row["long"]), "zip",
                 f"{row['zip_code']} ({row['city']}, {row['state']})")


def city_place(city: str, state: str) -> Place | None:
    """The centre of a city's ZIP codes."""
    points = _city_index().get((normalise_city(city), state.upper()))
    if not points:
        return None
    lat, lon = _centre(points)
    return Place(lat, lon, "city", f"{city.strip()}, {state.upper()}")


def state_place(state: str) -> Place | None:
    """The centre of a state's ZIP codes: a stand-in position, never a real location."""
    points = _state_points().get(state.upper())
    if not points:
        return None
    lat, lon = _centre(points)
    return Place(lat, lon, "state", state_name(state.upper()))


def place_for_body(city: str | None, state: str | None, zip_code: str | None = None) -> Place | None:
    """The most precise offline position the body's address supports."""
    if zip_code and (place := zip_place(zip_code)):
        return place
    if city and state and (place := city_place(city, state)):
        return place
    if state:
        return state_place(state)
    return None
