"""trigram index for body search (PostgreSQL only)

Revision ID: f1a2b3c4d5e6
Revises: e63b1c63e578
Create Date: 2026-11-28 12:50:00

The body search matches `LIKE '%text%'` on one lower-cased expression (see
registry.bodies.services.search_text). PostgreSQL serves that from a pg_trgm GIN index on the
same expression; SQLite scans, which is fine at the sizes an embedded registry holds. The index
is kept out of the models because it is dialect-specific; the migration check ignores it by name.
"""
from alembic import op

revision = "f1a2b3c4d5e6"
down_revision = "e63b1c63e578"
branch_labels = None
depends_on = None

SEARCH_EXPRESSION = (
    "lower(coalesce(name, '') || ' ' || coalesce(affiliation, '') || ' ' || "
    "coalesce(designation, '') || ' ' || coalesce(city, ''))"
)


def upgrade():
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(f"CREATE INDEX ix_bodies_search_trgm ON bodies USING gin (({SEARCH_EXPRESSION}) gin_trgm_ops)")


def downgrade():
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_bodies_search_trgm")
