"""The migration that records each member's language goes up and down on the test database
(SQLite by default; PostgreSQL when DATABASE_URL names one): rows written before it read as
English, and the schema is back at head afterwards."""

from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from registry.database import db
from registry.database import utcnow as now

REVISION = "c5e8a1d4f290"
BEFORE = "b7d3f9a2c604"
TABLES = ("submissions", "watches")


def language_columns() -> dict[str, dict]:
    inspector = inspect(db.engine)
    return {table: column for table in TABLES for column in inspector.get_columns(table)
            if column["name"] == "language"}


@pytest.fixture
def at_head_afterwards(app):
    yield
    db.session.rollback()
    upgrade()  # whatever the test did, the next tests find the schema at head


def test_the_language_migration_goes_down_and_up(app, make_body, at_head_afterwards):
    assert set(language_columns()) == set(TABLES)
    for table, column in language_columns().items():
        assert column["nullable"] is False, table
        assert "en" in str(column["default"]), table

    body_id = make_body(name="Migrated Local", slug="migrated-local").id
    db.session.close()

    downgrade(revision=BEFORE)
    assert language_columns() == {}
    # A watch written by a version without languages.
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO watches (body_id, email, created_at) "
                                "VALUES (:body, 'old@example.org', :created)"),
                           {"body": body_id, "created": now()})

    upgrade(revision=REVISION)
    assert set(language_columns()) == set(TABLES)
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT language FROM watches")).scalars().all() == ["en"]
        current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert current == REVISION
