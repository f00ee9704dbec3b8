"""The yearly counts of resolutions and actions the database keeps by trigger (RecordYear) stay
equal to a count of the records themselves through every kind of change, on each engine."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, func, select

from registry.database import db
from registry.followthrough import aggregates
from registry.models import Action, Body, RecordYear, Resolution
from tests.gap_registry import build_gap_registry
from tests.migrating import down_and_back_up


@pytest.fixture
def registry(make_body, make_bill, make_resolution, make_action, make_check):
    return build_gap_registry(make_body, make_bill, make_resolution, make_action, make_check)


def kept():
    return aggregates._counted_years()


def counted():
    return aggregates._dated_counts(select(Body.id))


def test_the_kept_counts_are_those_of_the_records(registry):
    assert counted()  # the fixture has resolutions and actions in several years, one undated
    assert kept() == counted()
    assert (None, "resolutions") in kept() and (None, "actions") in kept()


def test_the_kept_counts_follow_updates_and_deletes(registry):
    resolution = db.session.scalars(select(Resolution).where(Resolution.stance == "support")
                                    .order_by(Resolution.id)).first()
    resolution.adopted_on = date(2001, 2, 3)
    db.session.commit()
    assert kept() == counted() and kept()[2001, "resolutions"] == 1

    resolution.stance = "oppose"  # no longer a supporting resolution
    db.session.commit()
    assert kept() == counted() and (2001, "resolutions") not in kept()

    action = db.session.scalars(select(Action).where(Action.occurred_on.is_not(None))
                                .order_by(Action.id)).first()
    year = action.occurred_on.year
    before = kept()[year, "actions"]
    action.kind = "check_in"  # rung 0: not follow-through
    db.session.commit()
    assert kept() == counted() and kept()[year, "actions"] == before - 1

    action.kind, action.scope = "rally_or_march", "health_reform"  # not single payer
    db.session.commit()
    assert kept() == counted()

    action.scope, action.occurred_on, action.date_precision = "single_payer", None, None
    db.session.commit()
    assert kept() == counted()

    db.session.execute(delete(Action).where(Action.id == action.id))
    db.session.commit()
    assert kept() == counted()

    # A deleted body takes its records with it (cascades fire the same triggers).
    body = db.session.scalars(select(Body).where(Body.slug == "oakland-nurses")).one()
    db.session.delete(body)
    db.session.commit()
    assert kept() == counted()


def test_the_migration_fills_the_counts_from_the_records_already_there(registry, app):
    expected = counted()
    down_and_back_up("e7b2c9d4a618")
    assert db.session.scalar(select(func.count()).select_from(RecordYear)) > 0
    assert kept() == expected
