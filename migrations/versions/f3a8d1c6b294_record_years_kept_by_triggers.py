"""resolutions and actions per year, kept by triggers, for the gap page's yearly activity;
the bill families of matching bodies from an index

Revision ID: f3a8d1c6b294
Revises: e7b2c9d4a618
Create Date: 2026-12-04 13:00:00

After each publication the gap page counted every supporting resolution and every action of
the registry by year again (about 120 ms at 100,000 bodies, paid by the first visitor). The
table record_years holds those counts by record, stance or kind, scope and year (0: undated),
filled here from the records and kept current by triggers on insert, update and delete, so the
count is a read of a few rows whatever the registry's size. Triggers fire for every change,
whichever code makes it (services, imports, cascades from a deleted body).

The bill-family facet of a search or a filtered list reads the resolutions of the matching
bodies; an index on (body_id, stance, bill_id) answers it without reading their rows.

On SQLite a batch migration that recreates resolutions or actions drops their triggers: such a
migration must create them again (tests/test_record_years.py fails otherwise).
"""
from alembic import op
import sqlalchemy as sa

revision = "f3a8d1c6b294"
down_revision = "e7b2c9d4a618"
branch_labels = None
depends_on = None

# table: (record name, category column, scope column or None, date column)
COUNTED = {
    "resolutions": ("resolutions", "stance", None, "adopted_on"),
    "actions": ("actions", "kind", "scope", "occurred_on"),
}
KEY = "record, category, scope, year"


def _year(dialect: str, column: str) -> str:
    if dialect == "postgresql":
        return f"coalesce(CAST(extract(year FROM {column}) AS INTEGER), 0)"
    return f"coalesce(CAST(strftime('%Y', {column}) AS INTEGER), 0)"


def _key(dialect: str, table: str, row: str) -> tuple[str, str, str, str]:
    record, category, scope, day = COUNTED[table]
    return (f"'{record}'", f"{row}.{category}", f"{row}.{scope}" if scope else "''",
            _year(dialect, f"{row}.{day}"))


def _add(dialect: str, table: str, row: str, upsert_target: str) -> str:
    return (f"INSERT INTO record_years ({KEY}, n) VALUES ({', '.join(_key(dialect, table, row))}, 1) "
            f"ON CONFLICT ({KEY}) DO UPDATE SET n = {upsert_target}.n + 1;")


def _remove(dialect: str, table: str, row: str) -> str:
    record, category, scope, year = _key(dialect, table, row)
    return (f"UPDATE record_years SET n = n - 1 WHERE record = {record} AND category = {category} "
            f"AND scope = {scope} AND year = {year};")


def _columns(table: str) -> str:
    _, category, scope, day = COUNTED[table]
    return ", ".join(column for column in (category, scope, day) if column)


def _create_sqlite_triggers(table: str) -> None:
    name = f"record_years_{table}"
    op.execute(f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN "
               f"{_add('sqlite', table, 'NEW', 'record_years')} END")
    op.execute(f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN "
               f"{_remove('sqlite', table, 'OLD')} END")
    op.execute(f"CREATE TRIGGER {name}_update AFTER UPDATE OF {_columns(table)} ON {table} BEGIN "
               f"{_remove('sqlite', table, 'OLD')} {_add('sqlite', table, 'NEW', 'record_years')} END")


def _create_postgresql_trigger(table: str) -> None:
    name = f"record_years_{table}"
    op.execute(f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    {_remove('postgresql', table, 'OLD')}
  END IF;
  IF TG_OP <> 'DELETE' THEN
    {_add('postgresql', table, 'NEW', 'record_years')}
  END IF;
  RETURN NULL;
END $$""")
    op.execute(f"CREATE TRIGGER {name} AFTER INSERT OR DELETE OR UPDATE OF {_columns(table)} "
               f"ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")


def upgrade():
    with op.batch_alter_table("resolutions", recreate="never") as batch_op:
        batch_op.create_index("ix_resolutions_body_id_stance_bill_id", ["body_id", "stance", "bill_id"],
                              unique=False)
    op.create_table(
        "record_years",
        sa.Column("record", sa.String(length=12), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("record", "category", "scope", "year", name=op.f("pk_record_years")),
    )
    dialect = op.get_bind().dialect.name
    for table, (record, category, scope, day) in COUNTED.items():
        year = _year(dialect, day)
        grouped = ", ".join(column for column in (category, scope, year) if column)
        scope_value = scope or "''"
        op.execute(f"INSERT INTO record_years ({KEY}, n) SELECT '{record}', {category}, "  # noqa: S608
                   f"{scope_value}, {year}, count(*) FROM {table} GROUP BY {grouped}")
        if dialect == "postgresql":
            _create_postgresql_trigger(table)
        else:
            _create_sqlite_triggers(table)


def downgrade():
    dialect = op.get_bind().dialect.name
    for table in COUNTED:
        name = f"record_years_{table}"
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {name}_{event}")
    op.drop_table("record_years")
    with op.batch_alter_table("resolutions", recreate="never") as batch_op:
        batch_op.drop_index("ix_resolutions_body_id_stance_bill_id")
