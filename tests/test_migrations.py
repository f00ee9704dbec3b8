"""The committed migrations build exactly the schema the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from registry.database import db, include_object

pytestmark = pytest.mark.usefixtures("app")


# PostgreSQL's search index is an expression index that reflection cannot describe.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_models_and_migrations_agree():
    """The test database was built by `flask db upgrade`; autogenerate finds nothing to add."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_object": include_object})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_migrations_are_at_head():
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    from alembic.script import ScriptDirectory
    from flask import current_app

    script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    assert set(current) == set(script.get_heads())


def test_postgresql_has_the_trigram_search_index():
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    from sqlalchemy import text

    with db.engine.connect() as connection:
        names = set(connection.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'bodies'"))
                    .scalars())
    assert "ix_bodies_search_trgm" in names


def test_postgresql_lists_records_newest_first_from_indexes():
    """The index definitions say where the undated go, as the lists' order does."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's date indexes, read backwards, already end with the undated")
    from sqlalchemy import text

    with db.engine.connect() as connection:
        definitions = dict(connection.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%newest_first'")).all())
    assert "(adopted_on DESC NULLS LAST, id DESC)" in definitions["ix_resolutions_newest_first"]
    assert "(occurred_on DESC NULLS LAST, id DESC)" in definitions["ix_actions_newest_first"]
