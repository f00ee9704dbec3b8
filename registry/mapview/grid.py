"""Server-side clustering: bodies counted per cell of a square longitude/latitude grid, in SQL.

Cells are 360 / 2**k degrees wide and anchored at (-180, -90), so they stay put as the map pans;
a view is answered with the whole cells it touches. Coarse grids (low zooms, where a view holds
most bodies) are computed once per data version for the whole world and cut to each view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, Integer, case, func, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from registry.bodies.services import filtered_bodies
from registry.cache import versioned
from registry.database import db
from registry.followthrough.ladder import MOBILIZED_TIER
from registry.models import Body

CELLS_PER_TILE_LOG2 = 2  # grid cells 1/4 of a 256-pixel tile wide: about 64 pixels at the zoom asked
MAX_CELLS_PER_SIDE = 21  # whatever bbox is asked, the grid spans at most this many cells a side
MAX_FEATURES = (MAX_CELLS_PER_SIDE + 1) ** 2  # a view can touch one cell more per side than it spans
CACHED_UP_TO = 8  # grids of 360 / 2**k degrees with k up to this are computed for the whole world
INDEXED_SPAN = 5.0  # degrees: on SQLite, a narrower view reads bodies through the lat/lon index


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


@dataclass(frozen=True)
class Window:
    """The grid cells a view touches: cell size, and the first and last column and row."""

    level: int  # the cell is 360 / 2**level degrees
    columns: tuple[int, int]
    rows: tuple[int, int]

    @property
    def cell(self) -> float:
        return 360 / 2 ** self.level

    @property
    def per_degree(self) -> float:
        return 2 ** self.level / 360

    def holds(self, column: int, row: int) -> bool:
        return self.columns[0] <= column <= self.columns[1] and self.rows[0] <= row <= self.rows[1]

    def bbox(self) -> BBox:
        """The cells' extent (within the world)."""
        return BBox(max(self.columns[0] * self.cell - 180, -180), max(self.rows[0] * self.cell - 90, -90),
                    min((self.columns[1] + 1) * self.cell - 180, 180),
                    min((self.rows[1] + 1) * self.cell - 90, 90))

    def cell_bounds(self, column: int, row: int) -> list[float]:
        """[west, south, east, north] of one cell (within the world)."""
        return [max(column * self.cell - 180, -180), max(row * self.cell - 90, -90),
                min((column + 1) * self.cell - 180, 180), min((row + 1) * self.cell - 90, 90)]


def grid_level(bbox: BBox, zoom: int) -> int:
    """k for cells of 360 / 2**k degrees: about 64 pixels at this zoom, widened so that the bbox
    spans at most MAX_CELLS_PER_SIDE cells."""
    by_zoom = zoom + CELLS_PER_TILE_LOG2
    by_bbox = math.floor(math.log2(360 * MAX_CELLS_PER_SIDE / bbox.span)) if bbox.span > 0 else by_zoom
    return max(0, min(by_zoom, by_bbox))


def window_for(bbox: BBox, zoom: int) -> Window:
    level = grid_level(bbox, zoom)
    scale = 2 ** level / 360
    return Window(level,
                  (math.floor((bbox.west + 180) * scale), math.floor((bbox.east + 180) * scale)),
                  (math.floor((bbox.south + 90) * scale), math.floor((bbox.north + 90) * scale)))


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


class scanned(FunctionElement):
    """A column the SQLite planner should not reach through an index (`+column`).

    SQLite cannot tell a wide latitude range from a narrow one, and for a view holding most
    bodies one index lookup per body is far slower than reading the table straight through.
    PostgreSQL's planner judges ranges from its statistics, so it gets the plain column."""

    type = Float()  # only ever wraps latitude or longitude
    inherit_cache = True


@compiles(scanned)
def _scanned(element, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(scanned, "sqlite")
def _scanned_sqlite(element, compiler, **kw) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


def located_bodies(filters: dict[str, Any], bbox: BBox):
    """Bodies matching the filters with a place inside the bbox."""
    latitude, longitude = Body.latitude, Body.longitude
    if bbox.span > INDEXED_SPAN:
        latitude, longitude = scanned(latitude), scanned(longitude)
    # BETWEEN is never true for a missing coordinate, so bodies without a place drop out.
    return filtered_bodies(filters).where(longitude.between(bbox.west, bbox.east),
                                          latitude.between(bbox.south, bbox.north))


def cell_of(level: int):
    """The (column, row) SQL expressions of a body's cell in the grid of this level."""
    # The scale is inlined so SELECT and GROUP BY carry the very same expression (PostgreSQL
    # will not match two separately bound parameters).
    scale = literal(2 ** level / 360, literal_execute=True)
    return grid_index((Body.longitude + 180) * scale), grid_index((Body.latitude + 90) * scale)


def bodies_in(filters: dict[str, Any], window: Window):
    """Bodies matching the filters in the window's cells (by the same expressions as the grouping)."""
    column, row = cell_of(window.level)
    return located_bodies(filters, window.bbox()).where(column.between(*window.columns),
                                                        row.between(*window.rows))


def _per_cell(query, level: int):
    """Per cell: column, row, count, mean longitude and latitude, bodies at tier 3 or above.
    Each aggregate costs time on every row, so only these few are computed."""
    column, row = cell_of(level)
    count = func.count(Body.id)
    return (query.with_only_columns(column, row, count, func.avg(Body.longitude), func.avg(Body.latitude),
                                    func.sum(case((Body.tier >= MOBILIZED_TIER, 1), else_=0)))
            .group_by(column, row).order_by(count.desc()))


@versioned
def world_cells(filters: dict[str, Any], level: int) -> tuple[tuple, ...]:
    """Every non-empty cell of a coarse grid over the whole world, most bodies first."""
    query = _per_cell(located_bodies(filters, WORLD), level)
    return tuple(tuple(row) for row in db.session.execute(query))


def cells_in(filters: dict[str, Any], window: Window) -> list[tuple]:
    """The non-empty cells of the window, most bodies first: never more than MAX_FEATURES."""
    if window.level <= CACHED_UP_TO:
        return [row for row in world_cells(filters, window.level)
                if window.holds(int(row[0]), int(row[1]))][:MAX_FEATURES]
    query = _per_cell(bodies_in(filters, window), window.level).limit(MAX_FEATURES)
    return [tuple(row) for row in db.session.execute(query)]


def cluster_feature(row: tuple, window: Window) -> dict[str, Any]:
    column, grid_row, count, lon, lat, mobilized = row

    def r(value) -> float:
        return round(float(value), 4)

    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [r(lon), r(lat)]},
        "properties": {"kind": "cluster", "count": int(count), "mobilized": int(mobilized or 0),
                       "bounds": [r(v) for v in window.cell_bounds(int(column), int(grid_row))]},
    }
