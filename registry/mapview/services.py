"""Geo queries for the map: states with their gap figures, and bodies as points or, when a view
holds too many, as grid clusters aggregated in SQL."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Integer, case, func, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from registry.bodies.services import filtered_bodies
from registry.database import db
from registry.followthrough.aggregates import GapFigures, gap_by
from registry.followthrough.ladder import DORMANT_AFTER_MONTHS, months_before
from registry.followthrough.status import today
from registry.models import Body

SHAPES_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "us-states.geojson")

# The choropleth's classes of the gap (share of endorsing bodies that never mobilized):
# (lowest gap in the class, label). Gaps run high, so the classes are finer at the top, and "none
# mobilized" (a gap of 100%) is a class of its own. Their colours live in static/css/map.css.
GAP_CLASSES = (
    (0.0, "under 50%"),
    (0.5, "50% to 69%"),
    (0.7, "70% to 84%"),
    (0.85, "85% to 99%"),
    (1.0, "100%: none mobilized"),
)

POINT_LIMIT = 400  # a view holding more bodies than this is answered with clusters
CELLS_PER_TILE_LOG2 = 2  # grid cells 1/4 of a 256-pixel tile wide: about 64 pixels at the zoom asked
MAX_CELLS_PER_SIDE = 24  # whatever bbox is asked, the grid spans at most this many cells a side
MAX_FEATURES = (MAX_CELLS_PER_SIDE + 1) ** 2  # a grid aligned to its cells can touch one more per side
BYTE_BUDGET = 190_000  # points that would encode larger than this are sent as clusters instead
COORDINATE_DIGITS = 5  # about a metre
MOBILIZED_TIER = 3  # the gap's line: tier 3 (mobilizing) and above
INDEXED_SPAN = 5.0  # degrees: a narrower view reads bodies through the latitude/longitude index


@dataclass(frozen=True)
class BBox:
    west: float
    south: float
    east: float
    north: float

    @property
    def span(self) -> float:
        return max(self.east - self.west, self.north - self.south)


WORLD = BBox(-180.0, -90.0, 180.0, 90.0)


@cache
def state_shapes() -> tuple[dict[str, Any], ...]:
    """The committed state outlines (us-atlas 3.0.1, see registry/data/README.md), read once."""
    with open(SHAPES_PATH, encoding="utf-8") as handle:
        return tuple(json.load(handle)["features"])


def gap_class(gap: float | None) -> int | None:
    """Index into GAP_CLASSES for a gap share; None for a state with no endorsing body."""
    if gap is None:
        return None
    return max(i for i, (lowest, _label) in enumerate(GAP_CLASSES) if gap >= lowest - 1e-9)


def figure_properties(figures: GapFigures | None) -> dict[str, Any]:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    figures = figures or GapFigures(0, 0, 0, 0, 0, 0)
    return {
        "endorsing": figures.endorsing,
        "paper_only": figures.paper_only,
        "mobilized": figures.mobilized,
        "not_mobilized": figures.endorsing - figures.mobilized,
        "gap": rounded(figures.gap),
        "gap_class": gap_class(figures.gap),
        "paper_only_share": rounded(figures.paper_only_share),
        "mobilized_share": rounded(figures.mobilized_share),
        "members_known": figures.members_known,
        "members": figures.members,
        "members_gap": rounded(figures.members_gap),
    }


def state_gap_features(filters: dict[str, Any], shapes: bool = True) -> dict[str, Any]:
    """Every state's outline with the gap figures of its endorsing bodies matching the filters.

    A state with no matching endorsing body keeps its outline with zero counts and a null gap."""
    figures = {row.key: row.figures for row in gap_by("state", filters) if row.key}
    features = []
    for shape in state_shapes():
        code = shape["id"]
        features.append({
            "type": "Feature",
            "id": code,
            "properties": {"code": code, "name": shape["properties"]["name"],
                           **figure_properties(figures.get(code))},
            "geometry": shape["geometry"] if shapes else None,
        })
    return {"type": "FeatureCollection", "features": features}


def cell_degrees(bbox: BBox, zoom: int) -> float:
    """Side of a grid cell: about 64 pixels at this zoom, widened so the bbox spans at most
    MAX_CELLS_PER_SIDE cells. Always 360 / 2**k, so cells stay put as the map pans."""
    by_zoom = zoom + CELLS_PER_TILE_LOG2
    by_bbox = math.floor(math.log2(360 * MAX_CELLS_PER_SIDE / bbox.span)) if bbox.span > 0 else by_zoom
    return 360 / 2 ** max(0, min(by_zoom, by_bbox))


class grid_index(FunctionElement):
    """floor() of a non-negative number, as an integer.

    SQLite has no native floor (SQLAlchemy supplies a Python one, called row by row), but for a
    non-negative number CAST AS INTEGER truncates to the same value, natively."""

    type = Integer()
    inherit_cache = True


@compiles(grid_index)
def _grid_index(element, compiler, **kw) -> str:
    return f"FLOOR({compiler.process(element.clauses, **kw)})"


@compiles(grid_index, "sqlite")
def _grid_index_sqlite(element, compiler, **kw) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS INTEGER)"


def located_bodies(filters: dict[str, Any], bbox: BBox):
    latitude, longitude = Body.latitude, Body.longitude
    if bbox.span > INDEXED_SPAN:
        # A wide view holds most bodies: reading the table straight through beats one index
        # lookup per body, so keep the planner off the latitude/longitude index.
        latitude, longitude = latitude + 0, longitude + 0
    # BETWEEN is never true for a missing coordinate, so bodies without a place drop out.
    return filtered_bodies(filters).where(longitude.between(bbox.west, bbox.east),
                                          latitude.between(bbox.south, bbox.north))


def cluster_rows(filters: dict[str, Any], bbox: BBox, cell: float):
    """One grouped query: per grid cell, its place in the grid, the count, the mean position and
    how many mobilized. Every aggregate costs time on every row, so only these few are computed."""
    # The cell size is inlined so SELECT and GROUP BY carry the very same expression (PostgreSQL
    # will not match two separately bound parameters).
    per_degree = literal(1 / cell, literal_execute=True)
    column = grid_index((Body.longitude + 180) * per_degree)
    row = grid_index((Body.latitude + 90) * per_degree)
    count = func.count(Body.id)
    mobilized = func.sum(case((Body.tier >= MOBILIZED_TIER, 1), else_=0))
    query = (located_bodies(filters, bbox)
             .with_only_columns(column, row, count, func.avg(Body.longitude), func.avg(Body.latitude),
                                mobilized)
             .group_by(column, row).order_by(count.desc()).limit(MAX_FEATURES))
    return db.session.execute(query).all()


def cluster_feature(row, cell: float, bbox: BBox) -> dict[str, Any]:
    column, grid_row, count, lon, lat, mobilized = row

    def r(value) -> float:
        return round(float(value), 4)

    # The cell, cut to the view.
    bounds = [max(column * cell - 180, bbox.west), max(grid_row * cell - 90, bbox.south),
              min((column + 1) * cell - 180, bbox.east), min((grid_row + 1) * cell - 90, bbox.north)]
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [r(lon), r(lat)]},
        "properties": {"kind": "cluster", "count": int(count), "mobilized": int(mobilized or 0),
                       "bounds": [r(v) for v in bounds]},
    }


def point_features(filters: dict[str, Any], bbox: BBox) -> list[dict[str, Any]]:
    cutoff = months_before(today(), DORMANT_AFTER_MONTHS)
    rows = db.session.execute(
        located_bodies(filters, bbox).with_only_columns(
            Body.id, Body.slug, Body.name, Body.level, Body.affiliation, Body.tier, Body.endorsing,
            Body.active_without_resolution, Body.retreat, Body.last_activity_on,
            Body.geocode_precision, Body.longitude, Body.latitude,
        ).order_by(Body.id).limit(POINT_LIMIT)
    ).all()
    return [{
        "type": "Feature",
        "id": row.id,
        "geometry": {"type": "Point", "coordinates": [round(row.longitude, COORDINATE_DIGITS),
                                                      round(row.latitude, COORDINATE_DIGITS)]},
        "properties": {
            "kind": "body", "slug": row.slug, "name": row.name, "level": row.level,
            "affiliation": row.affiliation, "tier": row.tier, "endorsing": row.endorsing,
            "active_without_resolution": row.active_without_resolution, "retreat": row.retreat,
            "dormant": row.last_activity_on is not None and row.last_activity_on < cutoff,
            "last_activity_on": row.last_activity_on.isoformat() if row.last_activity_on else None,
            "precision": row.geocode_precision,
        },
    } for row in rows]


def encoded_size(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":")).encode())


def body_features(filters: dict[str, Any], bbox: BBox, zoom: int) -> dict[str, Any]:
    """Bodies with a location inside the bbox: each as a point when the view holds at most
    POINT_LIMIT of them, otherwise grid clusters counted in SQL. Never more than MAX_FEATURES
    features, nor (points) more than BYTE_BUDGET bytes."""
    cell = cell_degrees(bbox, zoom)
    rows = cluster_rows(filters, bbox, cell)
    total = sum(int(row[2]) for row in rows)
    meta = {"total": total, "zoom": zoom, "clustered": True, "cell_degrees": cell,
            "point_limit": POINT_LIMIT}
    if total <= POINT_LIMIT:
        features = point_features(filters, bbox)
        if encoded_size(features) <= BYTE_BUDGET:
            return {"type": "FeatureCollection", "features": features,
                    "meta": {**meta, "clustered": False, "cell_degrees": None}}
    return {"type": "FeatureCollection", "features": [cluster_feature(row, cell, bbox) for row in rows],
            "meta": meta}
