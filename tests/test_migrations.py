"""The committed migrations build exactly the schema the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from registry.database import db

pytestmark = pytest.mark.usefixtures("app")


def test_models_and_migrations_agree():
    """The test database was built by `flask db upgrade`; autogenerate finds nothing to add."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_migrations_are_at_head():
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    from alembic.script import ScriptDirectory
    from flask import current_app

    script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    assert set(current) == set(script.get_heads())
