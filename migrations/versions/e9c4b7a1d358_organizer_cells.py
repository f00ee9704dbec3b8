"""the organizer finder seeks the one-degree cells its box touches (SQLite)

Revision ID: e9c4b7a1d358
Revises: d5e8b3f1a627
Create Date: 2026-12-04 18:00:00

nearby() counts the bodies inside a box of latitude and longitude. From an index on latitude
first, that reads the box's whole band of latitude across the country: within 100 miles of
New York about 25,000 entries to keep 8,000 (SQLite 3.2 ms, 2.3 with this index). This index
leads with the body's cell of one degree by one degree, an expression of its position (see
registry/geo/cells.py, whose SQL must stay the same as the text here), then holds what the box
index holds, so the search seeks the cells it touches and reads about the box alone. SQLite
only: PostgreSQL's prepared, generic plan of the search cannot seek it (see cells.py).
"""
from alembic import op

revision = "e9c4b7a1d358"
down_revision = "d5e8b3f1a627"
branch_labels = None
depends_on = None

CELL = "(CAST(latitude + 90 AS INTEGER) * 1000 + CAST(longitude + 180 AS INTEGER))"
COLUMNS = ("latitude, longitude, geocode_precision, endorsing, checked, tier, "
           "active_without_resolution, last_activity_on, level, affiliation, id")


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"CREATE INDEX ix_bodies_organizer_cell ON bodies ({CELL}, {COLUMNS})")


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP INDEX ix_bodies_organizer_cell")
