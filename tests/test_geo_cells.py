"""The organizer finder's one-degree cells: the same number in Python and in SQLite's SQL, every
position of a box in the box's cells, and the index on them used by the search (SQLite only:
on PostgreSQL the search reads the box, see registry/geo/cells.py, and a database that built the
index's first version there drops it)."""

from __future__ import annotations

import math
import random

import pytest
from sqlalchemy import select, text

from registry.database import db
from registry.geo import bounding_boxes
from registry.geo.cells import MAX_CELLS, cell, cell_of, cells_of
from registry.geo.distance import Box
from registry.models import Body
from tests.migrating import down_and_back_up

EDGES = [(-90.0, -180.0), (90.0, 180.0), (0.0, 0.0), (-0.0000001, -0.0000001), (39.9999999, -83.0000001),
         (40.0, -83.0), (-33.5, 151.25), (64.8378, -147.7164), (51.88, 179.99), (18.4655, -66.1057)]


def _sqlite_only() -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the cells index and its expression are SQLite's")


def test_sql_cell_is_pythons_cell(make_body):
    """The expression the index holds gives each body's cell as cell_of does, at the edges of cells,
    of the world, and either side of zero."""
    _sqlite_only()
    rng = random.Random(11)
    points = EDGES + [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(60)]
    for n, (lat, lon) in enumerate(points):
        make_body(name=f"Cell {n:03d}", latitude=lat, longitude=lon, geocode_precision="zip")
    rows = db.session.execute(select(Body.latitude, Body.longitude, cell(Body.latitude, Body.longitude))
                              .where(Body.name.startswith("Cell "))).all()
    assert len(rows) == len(points)
    for lat, lon, sql_cell in rows:
        assert sql_cell == cell_of(lat, lon), (lat, lon)
        assert sql_cell == math.floor(lat + 90) * 1000 + math.floor(lon + 180)


@pytest.mark.parametrize("centre,radius", [
    ((40.7484, -73.9967), 100), ((39.9612, -82.9988), 5), ((64.8378, -147.7164), 200),
    ((51.88, -176.65), 60), ((-0.3, -0.4), 30),
])
def test_every_position_in_the_boxes_is_in_their_cells(centre, radius):
    boxes = bounding_boxes(*centre, radius)
    cells = set(cells_of(boxes))
    rng = random.Random(radius)
    for box in boxes:
        corners = [(box.south, box.west), (box.south, box.east), (box.north, box.west), (box.north, box.east)]
        inside = [(rng.uniform(box.south, box.north), rng.uniform(box.west, box.east)) for _ in range(500)]
        assert all(cell_of(lat, lon) in cells for lat, lon in corners + inside)
    assert len(cells) <= MAX_CELLS


def test_a_box_past_the_limit_is_searched_without_cells():
    assert cells_of([Box(20.0, 50.0, -125.0, -65.0)]) is None
    assert cells_of([Box(10.2, 10.8, 20.5, 21.5)]) == [100200, 100201]


def test_the_search_seeks_the_cells_index(app):
    """The search's statement repeats the index's expression, so SQLite can seek it (were the two
    to differ, only a scan could answer a condition on the cell)."""
    _sqlite_only()
    statement = (select(Body.latitude, Body.longitude)
                 .where(cell(Body.latitude, Body.longitude).in_(cells_of(bounding_boxes(40.7, -74.0, 100)))))
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "SEARCH bodies USING COVERING INDEX ix_bodies_organizer_cell (<expr>=?)" in plan


def _body_indexes() -> set[str]:
    with db.engine.connect() as connection:
        return set(connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bodies'")).scalars())


def test_cells_migration_goes_down_and_back_up(app):
    _sqlite_only()

    def without_the_index():
        assert "ix_bodies_organizer_cell" not in _body_indexes()

    down_and_back_up("d5e8b3f1a627", without_the_index)
    assert "ix_bodies_organizer_cell" in _body_indexes()


def test_a_postgresql_database_that_built_the_cells_index_loses_it(app):
    """The index's first version was built on PostgreSQL too, where the search cannot seek it; a
    database upgraded through that version drops it on the way up."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the index was only ever built on PostgreSQL by the first version")

    def indexes() -> set[str]:
        with db.engine.connect() as connection:
            return set(connection.execute(text(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'bodies'")).scalars())

    def as_the_first_version_built_it():
        assert "ix_bodies_organizer_cell" not in indexes()
        db.session.execute(text(
            "CREATE INDEX ix_bodies_organizer_cell ON bodies "
            "((floor(latitude + 90)::integer * 1000 + floor(longitude + 180)::integer),"
            " latitude, longitude)"))

    down_and_back_up("b8d2f6a4c197", as_the_first_version_built_it)
    assert "ix_bodies_organizer_cell" not in indexes()
