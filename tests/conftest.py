"""Fixtures: one app and database per test session (SQLite by default, PostgreSQL when
DATABASE_URL says so), emptied after every test; factories for records; a query counter."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from itertools import count

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from registry import cache, create_app
from registry.database import db
from registry.followthrough.status import refresh_statuses
from registry.models import Action, Bill, Body, Check, Resolution, Source

_serial = count(1)


def test_database_url(tmp_dir: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + os.path.join(tmp_dir, "test.sqlite3")
    name = make_url(url.replace("postgres://", "postgresql://", 1)).database or ""
    if "test" not in name:
        pytest.exit(f"Refusing to run tests against database {name!r}: its name must contain "
                    "'test', because the suite empties every table.", returncode=2)
    return url


def base_config(url: str, tmp_dir: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-long-enough",
        "SQLALCHEMY_DATABASE_URI": url,
        "RATELIMIT_ENABLED": False,
        "UPLOAD_FOLDER": os.path.join(tmp_dir, "uploads"),
        "SERVER_NAME": None,
        "REGISTRY_TODAY": date(2026, 11, 28),
    }


@pytest.fixture(scope="session")
def session_tmp(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("registry"))


@pytest.fixture(scope="session")
def config(session_tmp) -> dict:
    return base_config(test_database_url(session_tmp), session_tmp)


def reset_schema() -> None:
    """Drop whatever an earlier run left, then build the schema through the migrations."""
    engine = db.engine
    db.drop_all()
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade()


@pytest.fixture(scope="session")
def app(config) -> Iterator[Flask]:
    application = create_app(config)
    with application.app_context():
        reset_schema()
    yield application
    with application.app_context():
        db.engine.dispose()


def empty_tables() -> None:
    cache.clear()  # emptying tables bypasses the services, so the data version may repeat
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        # A browser test's live server may still be answering a late request (a map tile, a
        # search): PostgreSQL can then pick the TRUNCATE as a deadlock's victim. Try again.
        for attempt in range(5):
            try:
                db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
                break
            except OperationalError:
                db.session.rollback()
                if attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))
    else:
        for table in tables:
            db.session.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - names from metadata
    db.session.commit()


@pytest.fixture(autouse=True)
def app_context(request) -> Iterator[None]:
    """Each test runs in an app context and leaves every table empty.

    Factories commit, because each test-client request reads through its own session."""
    if "app" not in request.fixturenames:
        yield
        return
    application = request.getfixturevalue("app")
    with application.app_context():
        yield
        db.session.rollback()
        db.session.remove()
        empty_tables()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_app(config, session_tmp):
    """Build another app on the same database with some settings changed. The extensions are
    shared objects that the last app built configures (the rate limiter is switched on by
    some): the suite's own settings come back afterwards."""
    from registry.extensions import limiter

    shared_limiter = dict(vars(limiter))
    built: list[Flask] = []

    def build(**overrides) -> Flask:
        application = create_app({**config, **overrides})
        built.append(application)
        return application

    yield build
    for application in built:
        with application.app_context():
            db.engine.dispose()
    vars(limiter).clear()
    vars(limiter).update(shared_limiter)


# Factories ----------------------------------------------------------------------------------

@pytest.fixture
def make_body(app):
    def build(**overrides) -> Body:
        n = next(_serial)
        values = {"slug": f"test-body-{n}", "name": f"Test Body {n}", "level": "local",
                  "state": "OH", "city": "Columbus"}
        values.update(overrides)
        body = Body(**values)
        db.session.add(body)
        db.session.commit()
        return body

    return build


@pytest.fixture
def make_bill(app):
    def build(**overrides) -> Bill:
        n = next(_serial)
        values = {"code": f"HR {9000 + n}", "slug": f"hr-{9000 + n}", "congress": 116,
                  "jurisdiction": "US", "chamber": "house", "title": "Medicare for All Act",
                  "family": "us-house-medicare-for-all", "source_url": "https://example.org/bill"}
        values.update(overrides)
        bill = Bill(**values)
        db.session.add(bill)
        db.session.commit()
        return bill

    return build


@pytest.fixture
def make_resolution(app):
    def build(body: Body, url: str | None = "https://example.org/resolution",
              **overrides) -> Resolution:
        values = {"stance": "support", "adopted_on": date(2019, 5, 1), "date_precision": "day",
                  "date_kind": "adopted", "title": "Resolution for Medicare for All",
                  "evidence_level": "sourced" if url else "reported"}
        values.update(overrides)
        resolution = Resolution(body=body, **values)
        if url:
            resolution.sources.append(Source(url=url))
        db.session.add(resolution)
        db.session.flush()
        refresh_statuses([body.id])
        db.session.commit()
        return resolution

    return build


@pytest.fixture
def make_action(app):
    def build(body: Body, kind: str = "rally_or_march", url: str | None = "https://example.org/a",
              **overrides) -> Action:
        values = {"kind": kind, "occurred_on": date(2019, 6, 1), "date_precision": "day",
                  "description": f"{kind} by {body.name}",
                  "evidence_level": "sourced" if url else "reported"}
        values.update(overrides)
        action = Action(body=body, **values)
        if url:
            action.sources.append(Source(url=url))
        db.session.add(action)
        db.session.flush()
        refresh_statuses([body.id])
        db.session.commit()
        return action

    return build


@pytest.fixture
def make_check(app):
    def build(body: Body, **overrides) -> Check:
        values = {"checked_on": date(2026, 11, 12), "checked_by": "researcher",
                  "searched": "https://example.org/minutes\nThe local's newsletter archive, 2019-2026",
                  "result": "nothing_found", "summary": "No follow-through found."}
        values.update(overrides)
        check = Check(body=body, **values)
        db.session.add(check)
        db.session.flush()
        refresh_statuses([body.id])
        db.session.commit()
        return check

    return build


# Query counting -----------------------------------------------------------------------------

@contextmanager
def count_queries() -> Iterator[list[str]]:
    """Collect the SQL statements run inside the block (excluding savepoints)."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if not re.match(r"\s*(SAVEPOINT|RELEASE|ROLLBACK)", statement):
            statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def queries():
    return count_queries


def table_names() -> set[str]:
    return set(inspect(db.engine).get_table_names())


# Congressional districts --------------------------------------------------------------------

CONGRESS_STATES = ("OR", "OH", "VT", "GA", "DC")
HOUSE_BILLS = {"HR 676": 108, "HR 1384": 116, "HR 1976": 117, "HR 3421": 118, "HR 3069": 119}


@pytest.fixture(scope="session")
def congress_directory(tmp_path_factory) -> str:
    """The real congress files of seeds/congress/, cut to a few states (OR, OH, VT, GA, DC) so a
    test loads them in a moment; every row kept is the files' own."""
    import csv

    from registry import PROJECT_ROOT

    source = os.path.join(PROJECT_ROOT, "seeds", "congress")
    target = tmp_path_factory.mktemp("congress")
    for name in os.listdir(source):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(source, name), newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            state_column = "state_abbr" if "state_abbr" in (reader.fieldnames or []) else "state"
            rows = [row for row in reader if row[state_column] in CONGRESS_STATES]
            fields = reader.fieldnames
        with open(target / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    return str(target)


@pytest.fixture
def house_bills(make_bill) -> dict[str, Bill]:
    """The House Medicare for All bills the cosponsor files name."""
    return {code: make_bill(code=code, slug=code.lower().replace(" ", "-"), congress=congress)
            for code, congress in HOUSE_BILLS.items()}


@pytest.fixture
def districts(app, house_bills, congress_directory):
    """Load the congress files (cut to a few states); returns the load report."""
    from registry.districts.loader import load_districts

    report = load_districts(congress_directory)
    db.session.commit()
    return report


@pytest.fixture
def smtp_inbox(app):
    """A real SMTP server (aiosmtpd) on a free port, and the app sending to it; yields what it
    received."""
    from tests.smtp import smtp_server

    with smtp_server() as (inbox, port):
        saved = {k: app.config[k] for k in ("MAIL_SERVER", "MAIL_PORT")}
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        try:
            yield inbox
        finally:
            app.config.update(saved)


@pytest.fixture
def sweep_registry(make_body, make_resolution, make_action, districts, house_bills):
    """A small registry that reaches every page in tests.sweep.PUBLIC_PAGES and REVIEWER_PAGES."""
    from registry.accounts.services import create_user
    from registry.districts.placement import assign_districts
    from registry.submissions import services as submissions
    from tests.moderation.helpers import PASSWORD

    bill = house_bills["HR 676"]
    national = make_body(name="Sweep National Union", slug="sweep-national", level="national_union",
                         state=None, city=None)
    body = make_body(name="Sweep Local 1", slug="sweep-local", parent_id=national.id, state="OH",
                     city="Columbus", latitude=39.96, longitude=-83.0, geocode_precision="city")
    make_resolution(body, bill_id=bill.id)
    make_action(body, "rally_or_march", occurred_on=date(2020, 3, 1), participants=200)
    assign_districts([body.id])
    create_user("sweep-reviewer@example.org", PASSWORD, "reviewer")
    receipt = submissions.submit(
        "action", {"body_id": body.id, "kind": "lobby_visit", "occurred_on": "2021-02-01",
                   "date_precision": "month", "description": "Met the district staff.",
                   "source_url": "https://example.org/lobby"},
        {"name": "Sam", "email": "sam@example.org", "role": "member", "credit_public": False}, None)
    db.session.commit()
    return {"submission": receipt.submission.id}
