"""full-text body search on SQLite (FTS5, trigram tokenizer); indexes in the list's orders

Revision ID: d8f2a61c4b07
Revises: d2f7a9c3e5b1
Create Date: 2026-12-03 16:00:00

The body search matches a substring of one lower-cased text per body (name, affiliation,
designation, city; see registry.bodies.services.search_text). PostgreSQL serves it from the
trigram index of f1a2b3c4d5e6. On SQLite this migration adds the FTS5 table `body_search` with
the trigram tokenizer, whose phrase queries match any substring of three characters or more
from the index, filled from bodies and kept current by triggers on bodies (insert, update of the
four columns, delete). An SQLite built without FTS5 gets nothing, and the search scans as before.

Both engines also get an index for each order the body list offers other than by name (state,
tier, latest activity, members), on the very expressions registry.bodies.services.ORDERINGS
sorts by, so that a page of a common search walks an index in order and stops once the page is
full. They are expression indexes, kept out of the models (see registry.database).

A later migration that rebuilds the bodies table (Alembic's batch mode on SQLite copies it to a
new table) drops these triggers and must create them again: tests/test_body_search.py checks
that the index follows every change at the head revision.
"""
from alembic import op
from sqlalchemy import text

revision = "d8f2a61c4b07"
down_revision = "d2f7a9c3e5b1"
branch_labels = None
depends_on = None


def search_text(row: str) -> str:
    return (f"lower(coalesce({row}.name, '') || ' ' || coalesce({row}.affiliation, '') || ' ' || "
            f"coalesce({row}.designation, '') || ' ' || coalesce({row}.city, ''))")


def has_fts5(connection) -> bool:
    try:
        connection.execute(text("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x, tokenize='trigram')"))
    except Exception:  # noqa: BLE001 - any refusal means no FTS5 (or no trigram tokenizer)
        return False
    connection.execute(text("DROP TABLE temp.fts5_probe"))
    return True


ORDER_INDEXES = {
    "ix_bodies_order_state": "(state IS NULL), state, name, id",
    "ix_bodies_order_tier": "tier DESC, name, id",
    "ix_bodies_order_latest": "(last_activity_on IS NULL), last_activity_on DESC, name, id",
    "ix_bodies_order_members": "(members IS NULL), members DESC, name, id",
}


def upgrade():
    for name, columns in ORDER_INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON bodies ({columns})")
    connection = op.get_bind()
    if connection.dialect.name != "sqlite" or not has_fts5(connection):
        return
    op.execute("DROP TABLE IF EXISTS body_search")
    op.execute("CREATE VIRTUAL TABLE body_search USING fts5(text, tokenize='trigram')")
    op.execute(f"INSERT INTO body_search (rowid, text) SELECT id, {search_text('bodies')} FROM bodies")
    op.execute(f"""CREATE TRIGGER body_search_insert AFTER INSERT ON bodies BEGIN
        INSERT INTO body_search (rowid, text) VALUES (new.id, {search_text('new')});
    END""")
    op.execute(f"""CREATE TRIGGER body_search_update
        AFTER UPDATE OF name, affiliation, designation, city ON bodies BEGIN
        DELETE FROM body_search WHERE rowid = old.id;
        INSERT INTO body_search (rowid, text) VALUES (new.id, {search_text('new')});
    END""")
    op.execute("""CREATE TRIGGER body_search_delete AFTER DELETE ON bodies BEGIN
        DELETE FROM body_search WHERE rowid = old.id;
    END""")


def downgrade():
    for name in ORDER_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("body_search_insert", "body_search_update", "body_search_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS body_search")
