"""Cells of one degree of latitude by one of longitude, so a search within a radius seeks only
the cells its box touches.

An index on latitude first, searched for a box, reads every position in the box's band of
latitude across the whole country: within 100 miles of New York, about 25,000 bodies to find
8,000. The index on a body's cell (an expression of its latitude and longitude, made by a
migration) reads about the box alone.

The cell is floor(latitude + 90) * 1000 + floor(longitude + 180), the same number in Python
and in SQL, so the cells of a box name every body inside it.

SQLite only. PostgreSQL prepares the search once (registry.database.among) and then runs a
generic plan, which cannot seek an expression index for an array of cells: it read the box
index, computed each cell and sorted (New York at 100 mi 11.5 ms, against 5.5 ms for the box
alone), so there the search reads the box.
"""

from __future__ import annotations

import math

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Integer

from registry.geo.distance import Box

# A search whose box spans more cells than this (radii past about 250 mi, near the poles) reads
# the box alone, which keeps the list short. A bound, not a tuned figure: at 250 mi (80 cells)
# seeking the cells was still no slower on SQLite than reading the band.
MAX_CELLS = 150


def cell_of(latitude: float, longitude: float) -> int:
    return math.floor(latitude + 90) * 1000 + math.floor(longitude + 180)


def cells_of(boxes: list[Box]) -> list[int] | None:
    """The cells that together hold every position inside the boxes, or None past MAX_CELLS."""
    cells: set[int] = set()
    for box in boxes:
        rows = range(math.floor(box.south + 90), math.floor(box.north + 90) + 1)
        columns = range(math.floor(box.west + 180), math.floor(box.east + 180) + 1)
        if len(cells) + len(rows) * len(columns) > MAX_CELLS:
            return None
        cells.update(row * 1000 + column for row in rows for column in columns)
    return sorted(cells)


class cell(FunctionElement):  # noqa: N801 - read as a SQL function
    """The cell of a (latitude, longitude) pair of columns, written as the index's expression
    (an expression index is used only when the query repeats it)."""

    type = Integer()
    inherit_cache = True
    name = "cell"


@compiles(cell, "sqlite")
def _sqlite_cell(element, compiler, **kw) -> str:
    latitude, longitude = (compiler.process(arg, **kw) for arg in element.clauses)
    # CAST truncates, which is floor for the non-negative sums (latitude + 90, longitude + 180).
    return f"(CAST({latitude} + 90 AS INTEGER) * 1000 + CAST({longitude} + 180 AS INTEGER))"

