"""resolutions and actions newest first, undated last, from an index on PostgreSQL

Revision ID: b1e6c4d9a273
Revises: f3a8d1c6b294
Create Date: 2026-12-04 13:40:00

GET /api/v1/actions?state=CA sorted every action of the state's bodies for its first page (a
parallel hash join over all 318,000 actions at 100,000 bodies, about 50 ms). Ordered newest
first with the undated last, the lists now walk an index in that order and stop once the page
is full (about 1 ms). PostgreSQL puts nulls first in a descending scan, so these two indexes
say where the nulls go; SQLite's descending scan of the date indexes already ends with them.
"""
from alembic import op

revision = "b1e6c4d9a273"
down_revision = "f3a8d1c6b294"
branch_labels = None
depends_on = None

INDEXES = {"ix_resolutions_newest_first": ("resolutions", "adopted_on"),
           "ix_actions_newest_first": ("actions", "occurred_on")}


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (table, day) in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {table} ({day} DESC NULLS LAST, id DESC)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
