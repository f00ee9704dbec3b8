"""Which states a circle touches, judged by the gazetteer's ZIP positions."""

from __future__ import annotations

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


def states_near(latitude: float, longitude: float, radius_mi: float) -> set[str]:
    """States with at least one ZIP position within the radius (a little generously)."""
    boxes = bounding_boxes(latitude, longitude, radius_mi)
    reach = radius_mi * (1 + SPHERE_ERROR)
    found = set()
    for state, extent in _state_extents().items():
        if not any(_overlaps(extent, box) for box in boxes):
            continue
        for lat, lon in state_points()[state]:
            if any(b.south <= lat <= b.north and b.west <= lon <= b.east for b in boxes) \
                    and sphere_miles(latitude, longitude, lat, lon) <= reach:
                found.add(state)
                break
    return found
