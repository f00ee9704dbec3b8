"""Which states a circle touches, judged by the gazetteer's ZIP positions."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

from registry.geo.distance import SPHERE_ERROR, Box, bounding_boxes, sphere_miles
from registry.geo.gazetteer import state_points


@cache
def _state_extents() -> dict[str, Box]:
    extents = {}
    for state, points in state_points().items():
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        extents[state] = Box(min(lats), max(lats), min(lons), max(lons))
    return extents


def _overlaps(a: Box, b: Box) -> bool:
    return a.south <= b.north and b.south <= a.north and a.west <= b.east and b.west <= a.east


@cache
def _points_by_latitude() -> dict[str, tuple[list[float], list[tuple[float, float]]]]:
    """Each state's ZIP positions sorted by latitude, with the latitudes apart for bisection."""
    ordered = {}
    for state, points in state_points().items():
        by_lat = sorted(points)
        ordered[state] = ([lat for lat, _ in by_lat], by_lat)
    return ordered


def states_near(latitude: float, longitude: float, radius_mi: float) -> set[str]:
    """States with at least one ZIP position within the radius (a little generously). Only the
    positions in each box's band of latitude are measured."""
    boxes = bounding_boxes(latitude, longitude, radius_mi)
    reach = radius_mi * (1 + SPHERE_ERROR)
    found = set()
    for state, extent in _state_extents().items():
        if not any(_overlaps(extent, box) for box in boxes):
            continue
        lats, points = _points_by_latitude()[state]
        if any(box.west <= lon <= box.east and sphere_miles(latitude, longitude, lat, lon) <= reach
               for box in boxes
               for lat, lon in points[bisect_left(lats, box.south):bisect_right(lats, box.north)]):
            found.add(state)
    return found
