"""A small static map of the gap by state for the home page: server-rendered SVG, no script.

The committed state outlines are projected once (a plain equirectangular view of the lower 48,
scaled by the cosine of the middle latitude) and simplified to whole-pixel steps; each request only
picks each state's class from the cached per-state figures."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from flask_babel import gettext, ngettext

from registry.followthrough.aggregates import gap_by
from registry.geo import state_name
from registry.languages import number
from registry.mapview.services import GAP_CLASSES, gap_class, state_shapes

WIDTH = 600
WEST, EAST, SOUTH, NORTH = -125.0, -66.5, 24.3, 49.5
SCALE = WIDTH / ((EAST - WEST) * math.cos(math.radians((SOUTH + NORTH) / 2)))
HEIGHT = round((NORTH - SOUTH) * SCALE)
OUTSIDE = {"AK", "HI", "PR", "GU", "VI", "AS", "MP"}


@dataclass(frozen=True)
class StateShape:
    code: str
    name: str
    path: str


@dataclass(frozen=True)
class PreviewState:
    shape: StateShape
    css_class: str
    label: str


def _point(lon: float, lat: float) -> tuple[float, float]:
    x = (lon - WEST) * SCALE * math.cos(math.radians((SOUTH + NORTH) / 2))
    return round(x), round((NORTH - lat) * SCALE)


MIN_STEP = 1.5  # pixels: closer points are dropped (the preview is at most a few hundred pixels wide)


def _ring_path(ring: list[list[float]]) -> str:
    points: list[tuple[float, float]] = []
    for lon, lat in ring:
        point = _point(lon, lat)
        if not points or math.dist(point, points[-1]) >= MIN_STEP:
            points.append(point)
    if len(points) < 4:
        return ""
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z"


@cache
def projected_states() -> tuple[StateShape, ...]:
    shapes = []
    for feature in state_shapes():
        code = feature.get("id") or feature["properties"].get("code")
        if code in OUTSIDE:
            continue
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] != "MultiPolygon":
            polygons = [polygons]
        path = "".join(_ring_path(ring) for polygon in polygons for ring in polygon)
        if path:
            shapes.append(StateShape(code, state_name(code), path))
    return tuple(sorted(shapes, key=lambda s: s.code))


def preview_states() -> list[PreviewState]:
    """Each lower-48 state (and DC) with its gap class and a spoken label."""
    figures = {row.key: row.figures for row in gap_by("state") if row.key}
    result = []
    for shape in projected_states():
        state = figures.get(shape.code)
        index = gap_class(state.gap if state else None)
        if index is None:
            label = gettext("%(state)s: no endorsing bodies", state=shape.name)
            css_class = "gap-none"
        else:
            # Always plural in English ("1 of 1 endorsing bodies have"); the catalog has both forms.
            label = ngettext("%(state)s: %(part)s of %(count)s endorsing bodies have no recorded "
                             "mobilization", "%(state)s: %(part)s of %(count)s endorsing bodies have "
                             "no recorded mobilization", state.endorsing, state=shape.name,
                             part=number(state.endorsing - state.mobilized), count=number(state.endorsing))
            css_class = f"gap-class-{index}"
        result.append(PreviewState(shape, css_class, label))
    return result


# The labels are translated where shown (the `tr` filter).
LEGEND = tuple((f"gap-class-{i}", label) for i, (_low, label) in enumerate(GAP_CLASSES))
