"""each body's bill families, kept by triggers, so the family facet joins the one facet pass

Revision ID: c4f7a2e9d851
Revises: b1e6c4d9a273
Create Date: 2026-12-04 15:30:00

The bill-family facet counted bodies by reading their supporting resolutions and the bills they
name: every resolution of the registry for /bodies (about 90 ms at 100,000 bodies), and the
resolutions of every matching body for a search (a second pass over the matches, about 150 ms
for a search matching 88,000 bodies). bodies.bill_families now holds the families a body's
supporting resolutions name (`general` for a resolution naming no bill), sorted and joined by
the unit separator (character 31), or NULL when it has none. Triggers keep it whichever code
changes a resolution or a bill's family (services, imports, cascades), on both engines, so it
cannot go stale the way a column kept by the application could when an import renames a
family. The facets then read it in the same grouped pass as the others.

An index holding every facet column, in the order the pass groups them, answers that pass for
any filter without reading the bodies' rows (SQLite scans it once and keeps the matches of a
broad search), and an index on bill_families answers the unfiltered family facet. The index on
checked grows into one on (checked, tier, endorsing, active_without_resolution), which counts
the tier facet without reading rows (70 to 5 ms).

On SQLite a batch migration that recreates resolutions, bills or bodies drops these triggers:
such a migration must create them again (tests/test_bill_families.py fails otherwise).
"""
import sqlalchemy as sa
from alembic import op

revision = "c4f7a2e9d851"
down_revision = "b1e6c4d9a273"
branch_labels = None
depends_on = None

FACET_COLUMNS = ["state", "level", "affiliation", "tier", "evidence_level", "checked", "endorsing",
                 "active_without_resolution", "bill_families"]

CHECKED_TIER_COLUMNS = ["checked", "tier", "endorsing", "active_without_resolution"]


def _families(dialect: str, body: str) -> str:
    """The sorted, joined families of the supporting resolutions of the body whose id is `body`."""
    family = "coalesce(bills.family, 'general')"
    joined = ("FROM resolutions LEFT JOIN bills ON bills.id = resolutions.bill_id "
              f"WHERE resolutions.body_id = {body} AND resolutions.stance = 'support'")
    if dialect == "postgresql":
        return f"(SELECT string_agg(DISTINCT {family}, chr(31) ORDER BY {family}) {joined})"  # noqa: S608
    return (f"(SELECT group_concat(family, char(31)) "  # noqa: S608
            f"FROM (SELECT DISTINCT {family} AS family {joined} ORDER BY family))")


def _refresh(dialect: str, body: str) -> str:
    return f"UPDATE bodies SET bill_families = {_families(dialect, body)} WHERE id = {body};"  # noqa: S608


def _refresh_bill(dialect: str) -> str:
    return (f"UPDATE bodies SET bill_families = {_families(dialect, 'bodies.id')} "  # noqa: S608
            "WHERE id IN (SELECT body_id FROM resolutions WHERE bill_id = NEW.id);")


def _create_sqlite_triggers() -> None:
    op.execute(f"CREATE TRIGGER bill_families_resolutions_insert AFTER INSERT ON resolutions BEGIN "
               f"{_refresh('sqlite', 'NEW.body_id')} END")
    op.execute(f"CREATE TRIGGER bill_families_resolutions_delete AFTER DELETE ON resolutions BEGIN "
               f"{_refresh('sqlite', 'OLD.body_id')} END")
    op.execute("CREATE TRIGGER bill_families_resolutions_update AFTER UPDATE OF body_id, stance, bill_id "
               f"ON resolutions BEGIN {_refresh('sqlite', 'OLD.body_id')} "
               f"{_refresh('sqlite', 'NEW.body_id')} END")
    op.execute("CREATE TRIGGER bill_families_bills_update AFTER UPDATE OF family ON bills BEGIN "
               f"{_refresh_bill('sqlite')} END")


def _create_postgresql_triggers() -> None:
    op.execute(f"""CREATE OR REPLACE FUNCTION bill_families_resolutions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    {_refresh('postgresql', 'OLD.body_id')}
  END IF;
  IF TG_OP <> 'DELETE' THEN
    {_refresh('postgresql', 'NEW.body_id')}
  END IF;
  RETURN NULL;
END $$""")
    op.execute("CREATE TRIGGER bill_families_resolutions AFTER INSERT OR DELETE OR UPDATE OF body_id, "
               "stance, bill_id ON resolutions FOR EACH ROW EXECUTE FUNCTION bill_families_resolutions()")
    op.execute(f"""CREATE OR REPLACE FUNCTION bill_families_bills() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {_refresh_bill('postgresql')}
  RETURN NULL;
END $$""")
    op.execute("CREATE TRIGGER bill_families_bills AFTER UPDATE OF family ON bills "
               "FOR EACH ROW EXECUTE FUNCTION bill_families_bills()")


def upgrade():
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("bodies", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("bill_families", sa.String(length=400), nullable=True))
    op.execute(f"UPDATE bodies SET bill_families = {_families(dialect, 'bodies.id')}")  # noqa: S608
    with op.batch_alter_table("bodies", recreate="never") as batch_op:
        batch_op.create_index("ix_bodies_facets", FACET_COLUMNS, unique=False)
        batch_op.create_index("ix_bodies_bill_families", ["bill_families"], unique=False)
        batch_op.drop_index("ix_bodies_checked")
        batch_op.create_index("ix_bodies_checked_tier", CHECKED_TIER_COLUMNS, unique=False)
    if dialect == "postgresql":
        _create_postgresql_triggers()
    else:
        _create_sqlite_triggers()


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS bill_families_resolutions ON resolutions")
        op.execute("DROP TRIGGER IF EXISTS bill_families_bills ON bills")
        op.execute("DROP FUNCTION IF EXISTS bill_families_resolutions()")
        op.execute("DROP FUNCTION IF EXISTS bill_families_bills()")
    else:
        for name in ("resolutions_insert", "resolutions_delete", "resolutions_update", "bills_update"):
            op.execute(f"DROP TRIGGER IF EXISTS bill_families_{name}")
    with op.batch_alter_table("bodies", recreate="never") as batch_op:
        batch_op.drop_index("ix_bodies_bill_families")
        batch_op.drop_index("ix_bodies_checked_tier")
        batch_op.create_index("ix_bodies_checked", ["checked"], unique=False)
        batch_op.drop_index("ix_bodies_facets")
    # Not a batch: recreating bodies on SQLite would drop its full-text triggers.
    op.execute("ALTER TABLE bodies DROP COLUMN bill_families")
