"""The database synthetic data goes into: never the app's own, never one holding real records."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app
from flask_migrate import upgrade
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import URL, make_url

from registry.config import normalise_database_url
from registry.database import db

SYNTHETIC_PREFIX = "synthetic-"
LOCAL_HOSTS = {None, "", "localhost", "127.0.0.1", "::1"}


class SyntheticTargetError(Exception):
    """The target database must not receive synthetic data (or is not ready for it)."""


def default_database_url(app: Flask) -> str:
    return "sqlite:///" + os.path.join(app.instance_path, "bench.sqlite3")


def _identity(url: URL) -> tuple:
    """What makes two URLs point at the same database (driver and host spelling aside)."""
    backend = url.get_backend_name()
    if backend == "sqlite":
        name = url.database or ""
        return backend, os.path.realpath(name) if name and name != ":memory:" else name
    host = "local" if url.host in LOCAL_HOSTS else url.host
    default_port = {"postgresql": 5432, "mysql": 3306}.get(backend)
    return backend, host, url.port or default_port, url.database


def same_database(first: str, second: str) -> bool:
    return _identity(make_url(normalise_database_url(first))) == _identity(
        make_url(normalise_database_url(second)))


def check_not_main(url: str, app: Flask) -> None:
    if same_database(url, app.config["SQLALCHEMY_DATABASE_URI"]):
        raise SyntheticTargetError(
            "Refusing to write synthetic data into the registry's own database. "
            "Give --database-url a separate database (the default is bench.sqlite3 in the "
            "instance folder).")


@contextmanager
def target_app(url: str) -> Iterator[Flask]:
    """An app context bound to the target database, with the same settings otherwise."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    overrides = {
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": app.config["SECRET_KEY"],
        "TESTING": app.testing,
        "DEBUG": app.debug,
        "REGISTRY_TODAY": app.config.get("REGISTRY_TODAY"),
    }
    from registry import create_app

    sibling = create_app(overrides)
    with sibling.app_context():
        try:
            yield sibling
        finally:
            db.session.remove()
            db.engine.dispose()


def existing_records() -> tuple[int, int]:
    """(synthetic bodies, real bodies and bills) in the target, read before touching it."""
    tables = set(inspect(db.engine).get_table_names())
    if "bodies" not in tables:
        return 0, 0
    from registry.models import Bill, Body

    synthetic = Body.slug.startswith(SYNTHETIC_PREFIX)
    fake = db.session.scalar(select(func.count()).select_from(Body).where(synthetic)) or 0
    real = db.session.scalar(select(func.count()).select_from(Body).where(~synthetic)) or 0
    if "bills" in tables:
        real += db.session.scalar(select(func.count()).select_from(Bill).where(
            ~Bill.slug.startswith(SYNTHETIC_PREFIX))) or 0
    db.session.rollback()
    return fake, real


def prepare(replace: bool) -> None:
    """Check the target holds nothing real, bring its schema to the latest migration, empty it."""
    fake, real = existing_records()
    if real:
        raise SyntheticTargetError(
            f"Refusing to write: the target database holds {real} real (non-synthetic) bodies or "
            "bills. Synthetic data must never be mixed with real data.")
    if fake and not replace:
        raise SyntheticTargetError(
            f"The target database already holds {fake} synthetic bodies. Pass --replace to "
            "replace them, or choose another --database-url.")
    upgrade()
    empty_all_tables()


def empty_all_tables() -> None:
    tables = [table.name for table in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - names from metadata
