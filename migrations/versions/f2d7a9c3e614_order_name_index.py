"""the body list by name read from an index alone on PostgreSQL

Revision ID: f2d7a9c3e614
Revises: e9c4b7a1d358
Create Date: 2026-12-04 18:40:00

A deep page of the body list reads its ids first, in the list's order (registry/paging.py). By
name that order is (name, id): SQLite's index on name holds the row id already, PostgreSQL's
does not, so it read each body's row to learn its id (page 200: 10,000 rows, 15 ms). This index
holds both, as the list's other orders' indexes do.
"""
from alembic import op

revision = "f2d7a9c3e614"
down_revision = "e9c4b7a1d358"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_bodies_order_name ON bodies (name, id)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_bodies_order_name")
