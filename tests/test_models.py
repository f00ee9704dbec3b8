"""Constraints live in the database, not only in Python."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from registry.database import db
from registry.models import Action, Body, Resolution, Source

pytestmark = pytest.mark.usefixtures("app")


def insert_fails(*records) -> None:
    for record in records:
        db.session.add(record)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_duplicate_slug_is_refused(make_body):
    """Two bodies can never share a slug."""
    make_body(slug="usw-local-155")
    insert_fails(Body(slug="usw-local-155", name="Another", level="local"))


def test_olms_file_number_unique_when_present(make_body):
    """The OLMS file number is unique, but many bodies may have none."""
    make_body(olms_file_number=512345)
    make_body(olms_file_number=None)
    make_body(olms_file_number=None)
    insert_fails(Body(slug="dup-olms", name="Dup", level="local", olms_file_number=512345))


@pytest.mark.parametrize("field,value", [
    ("level", "galaxy"),
    ("geocode_precision", "street"),
    ("evidence_level", "rumour"),
    ("tier", 7),
    ("latitude", 123.0),
    ("members", -5),
])
def test_body_enums_and_ranges_are_checked(field, value):
    """A body's enumerated and ranged fields are CHECK constraints."""
    insert_fails(Body(**{"slug": "bad", "name": "Bad", "level": "local", field: value}))


def test_action_kind_must_be_on_the_ladder(make_body):
    body = make_body()
    insert_fails(Action(body=body, kind="bake_sale", description="x"))


def test_action_date_needs_precision(make_body):
    body = make_body()
    insert_fails(Action(body=body, kind="rally_or_march", description="x",
                        occurred_on=date(2020, 1, 1), date_precision=None))


def test_resolution_stance_and_date_rules(make_body):
    body = make_body()
    insert_fails(Resolution(body=body, stance="maybe", title="x"))
    body = db.session.merge(body)
    insert_fails(Resolution(body=body, stance="support", title="x", adopted_on=date(2020, 1, 1)))


def test_source_belongs_to_exactly_one_record(make_body):
    body = make_body()
    insert_fails(Source(url="https://example.org"))
    body = db.session.merge(body)
    insert_fails(Source(url=None, body_id=body.id))


def test_source_url_unique_per_record(make_body):
    body = make_body()
    db.session.add(Source(url="https://example.org/x", body_id=body.id))
    db.session.commit()
    insert_fails(Source(url="https://example.org/x", body_id=body.id))


def test_foreign_keys_are_enforced():
    """A resolution cannot point at a body that does not exist (SQLite too: foreign_keys=ON)."""
    insert_fails(Resolution(body_id=999_999, stance="support", title="x"))


def test_sqlite_runs_in_wal_mode_with_busy_timeout():
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only apply to SQLite")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
