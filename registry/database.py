"""The database handle and declarative base shared by every model."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ColumnElement, MetaData, any_, bindparam, event
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


def utcnow() -> datetime:
    """The current UTC time as a naive datetime, the form both engines store and return."""
    return datetime.now(UTC).replace(tzinfo=None)


def among(column: ColumnElement, values: Iterable) -> ColumnElement[bool]:
    """`column IN values`, as one statement whatever the number of values: on PostgreSQL
    `= ANY(array)`, whose text does not change with the list, so the driver prepares it once
    and the server plans it once (about 0.7 ms a statement on the bodies table, whose many
    indexes the planner weighs each time); elsewhere a plain IN."""
    values = list(values)
    if db.engine.dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record) -> None:
    """SQLite: write-ahead log, a busy timeout instead of instant lock errors, and FK checks."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# Indexes made by hand in migrations for one engine only (PostgreSQL's trigram search index);
# autogenerate and the migration check leave them alone.
# So are the indexes of the body list's orders (expressions; by name, PostgreSQL's alone, as
# SQLite's index on name holds the row id), and PostgreSQL's newest-first indexes
# of resolutions and actions (their nulls placed last, which SQLite's indexes cannot say), and
# SQLite's index of the organizer finder's one-degree cells (an expression).
MIGRATION_ONLY_INDEXES = frozenset({"ix_bodies_search_trgm", "ix_bodies_order_name",
                                    "ix_bodies_order_state", "ix_bodies_order_tier", "ix_bodies_order_latest",
                                    "ix_bodies_order_members", "ix_resolutions_newest_first",
                                    "ix_actions_newest_first", "ix_bodies_organizer_cell"})
# SQLite's full-text index of body names (an FTS5 table, its shadow tables named after it, kept
# current by triggers on bodies): made by hand in a migration, likewise left alone.
SEARCH_TABLE = "body_search"


# PostgreSQL's stored search text of each body (a generated column, made by a migration).
STORED_SEARCH_TEXT = "search_text"


def include_object(object_, name, type_, reflected, compare_to) -> bool:
    if type_ == "column" and name == STORED_SEARCH_TEXT and object_.table.name == "bodies":
        return False
    if type_ == "table" and name and (name == SEARCH_TABLE or name.startswith(SEARCH_TABLE + "_")):
        return False
    return not (type_ == "index" and name in MIGRATION_ONLY_INDEXES)
