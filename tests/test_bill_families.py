"""Each body's bill families, kept by database triggers (Body.bill_families), stay equal to the
families its supporting resolutions name through every kind of change, on each engine; the
bill-family facet read from them agrees with a count by hand."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, text, update

from registry.bodies.facets import facet_counts
from registry.bodies.services import filtered_bodies
from registry.database import db
from registry.models import Bill, Body, Resolution
from registry.models.bodies import FAMILY_SEPARATOR
from tests.gap_registry import CALCARE, GENERAL, HOUSE, SENATE, build_gap_registry
from tests.migrating import down_and_back_up


@pytest.fixture
def registry(make_body, make_bill, make_resolution, make_action, make_check):
    return build_gap_registry(make_body, make_bill, make_resolution, make_action, make_check)


def kept() -> dict[str, tuple[str, ...]]:
    db.session.expire_all()  # the triggers write behind the session's back
    return {slug: tuple(families.split(FAMILY_SEPARATOR)) if families else ()
            for slug, families in db.session.execute(select(Body.slug, Body.bill_families))}


def named() -> dict[str, tuple[str, ...]]:
    """Each body's families, worked out from its resolutions here."""
    families: dict[str, set[str]] = {slug: set() for slug in db.session.scalars(select(Body.slug))}
    rows = db.session.execute(select(Body.slug, Resolution.stance, Bill.family)
                              .join(Resolution, Resolution.body_id == Body.id)
                              .outerjoin(Bill, Resolution.bill_id == Bill.id))
    for slug, stance, family in rows:
        if stance == "support":
            families[slug].add(family or GENERAL)
    return {slug: tuple(sorted(found)) for slug, found in families.items()}


def test_each_body_holds_the_families_of_its_supporting_resolutions(registry):
    families = kept()
    assert families == named()
    assert families["ohio-federation"] == tuple(sorted((HOUSE, SENATE)))  # two, sorted, joined
    assert families["la-teachers"] == (GENERAL,)  # a resolution naming no bill
    assert families["vt-oppose"] == () and families["ny-active"] == ()  # opposes; no resolution


def test_the_families_follow_every_change_to_resolutions_and_bills(registry, make_resolution):
    steel = db.session.scalars(select(Body).where(Body.slug == "ohio-steel")).one()
    calcare = db.session.scalars(select(Bill).where(Bill.family == CALCARE)).first()
    make_resolution(steel, bill_id=calcare.id)  # an insert
    assert kept() == named() and kept()["ohio-steel"] == tuple(sorted((CALCARE, HOUSE)))

    resolution = db.session.scalars(select(Resolution).where(Resolution.body_id == steel.id,
                                                             Resolution.bill_id == calcare.id)).one()
    resolution.stance = "oppose"  # no longer supporting
    db.session.commit()
    assert kept() == named() and kept()["ohio-steel"] == (HOUSE,)

    resolution.stance, resolution.bill_id = "support", None  # supporting, naming no bill
    db.session.commit()
    assert kept() == named() and kept()["ohio-steel"] == (GENERAL, HOUSE)

    nurses = db.session.scalars(select(Body).where(Body.slug == "boston-nurses")).one()
    resolution.body_id = nurses.id  # moved to another body: both change
    db.session.commit()
    assert kept() == named() and kept()["ohio-steel"] == (HOUSE,)
    assert kept()["boston-nurses"] == (GENERAL, SENATE)

    db.session.execute(delete(Resolution).where(Resolution.id == resolution.id))  # a delete
    db.session.commit()
    assert kept() == named() and kept()["boston-nurses"] == (SENATE,)

    # An import that renames a bill's family changes every body naming that bill.
    db.session.execute(update(Bill).where(Bill.family == SENATE).values(family="us-senate-renamed"))
    db.session.commit()
    assert kept() == named() and kept()["boston-nurses"] == ("us-senate-renamed",)

    # A deleted body takes its resolutions with it (their triggers find no body to update).
    db.session.delete(db.session.scalars(select(Body).where(Body.slug == "oakland-nurses")).one())
    db.session.commit()
    assert kept() == named() and "oakland-nurses" not in kept()


@pytest.mark.parametrize("filters", [{}, {"level": "local"}, {"q": "nurses"}, {"q": "ohio"},
                                     {"state": "CA", "q": "a"}, {"bill_family": HOUSE},
                                     {"bill_family": GENERAL, "dormant": True}])
def test_the_family_facet_counts_each_matching_body_once_per_family(registry, filters):
    """Counted here from the matching bodies' own resolutions (the family facet leaves out its
    own filter, as every facet does)."""
    matching = set(db.session.scalars(
        filtered_bodies({**filters, "bill_family": None}).with_only_columns(Body.slug)))
    assert matching  # each filter matches some bodies
    by_hand: dict[str, int] = {}
    for slug, families in named().items():
        for family in families if slug in matching else ():
            by_hand[family] = by_hand.get(family, 0) + 1
    counted = {value.value: value.count for value in facet_counts(filters)["bill_family"]}
    assert counted == by_hand


def test_the_family_facet_under_the_dormant_filter_reads_an_index_alone(registry):
    """Its own filter set, the family facet is counted under the others alone: under the dormant
    filter, from the index on (bill_families, last_activity_on) without reading a row."""
    statement = (filtered_bodies({"dormant": True}).where(Body.bill_families.is_not(None))
                 .with_only_columns(Body.bill_families, func.count()).group_by(Body.bill_families)
                 .compile(db.engine, compile_kwargs={"literal_binds": True}))
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "sqlite":
            plan = " ".join(row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {statement}")))
            assert "COVERING INDEX ix_bodies_bill_families" in plan, plan
        else:  # on a test's few rows PostgreSQL plans otherwise: the index holds both columns
            definition = connection.execute(text(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_bodies_bill_families'")).scalar()
            assert definition.endswith("(bill_families, last_activity_on)"), definition


def test_the_migration_fills_the_families_from_the_resolutions_already_there(registry, app):
    expected = named()
    down_and_back_up("b1e6c4d9a273")
    assert kept() == expected
