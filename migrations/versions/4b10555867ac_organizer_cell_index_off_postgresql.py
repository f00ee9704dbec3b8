"""the organizer finder's cell index dropped where PostgreSQL has it

Revision ID: 4b10555867ac
Revises: b8d2f6a4c197
Create Date: 2026-12-04 22:20:00

Revision e9c4b7a1d358 first built the one-degree cell index on both engines; it now builds it on
SQLite only, because PostgreSQL's prepared, generic plan of the nearby search cannot seek it
(see registry/geo/cells.py). A PostgreSQL database upgraded through the first version still has
the index: unused, and kept current on every write to bodies. This drops it there. Going down
builds nothing, as e9c4b7a1d358 now reads.
"""
from alembic import op

revision = "4b10555867ac"
down_revision = "b8d2f6a4c197"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_bodies_organizer_cell")


def downgrade():
    pass
