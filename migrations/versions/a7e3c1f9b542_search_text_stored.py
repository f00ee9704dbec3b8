"""the search text stored on PostgreSQL, its trigram index on the column

Revision ID: a7e3c1f9b542
Revises: f2d7a9c3e614
Create Date: 2026-12-04 18:55:00

A search matches `LIKE '%text%'` on the lower-cased name, affiliation, designation and city
(registry.bodies.services.search_text). On PostgreSQL the trigram index on that expression
answers a narrow search; a broad one ("local", 88 % of the registry) scans, and building the
lower-cased text of every body cost most of the scan: the facets of such a search took 200 ms,
the first request after a publication 230-300 ms. The text is now a stored generated column
(kept by the database whenever those fields change), the trigram index is on it, and a scan
reads it (the facets about 120 ms). SQLite keeps its FTS5 table and does not have the column.
"""
from alembic import op

revision = "a7e3c1f9b542"
down_revision = "f2d7a9c3e614"
branch_labels = None
depends_on = None

SEARCH_EXPRESSION = (
    "lower(coalesce(name, '') || ' ' || coalesce(affiliation, '') || ' ' || "
    "coalesce(designation, '') || ' ' || coalesce(city, ''))"
)


def upgrade():
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE bodies ADD COLUMN search_text text "
               f"GENERATED ALWAYS AS ({SEARCH_EXPRESSION}) STORED")
    op.execute("DROP INDEX IF EXISTS ix_bodies_search_trgm")
    op.execute("CREATE INDEX ix_bodies_search_trgm ON bodies USING gin (search_text gin_trgm_ops)")


def downgrade():
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_bodies_search_trgm")
    op.execute("ALTER TABLE bodies DROP COLUMN search_text")
    op.execute(f"CREATE INDEX ix_bodies_search_trgm ON bodies USING gin (({SEARCH_EXPRESSION}) gin_trgm_ops)")
