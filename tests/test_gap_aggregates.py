"""Gap aggregates and yearly activity, computed in SQL, against figures worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from registry.database import db
from registry.followthrough import aggregates, ladder
from registry.followthrough.aggregates import GapFigures, activity_by_year, gap_by, overall_gap
from registry.followthrough.status import refresh_statuses
from registry.models import Body, Submission
from tests.gap_registry import (
    EXPECTED,
    EXPECTED_OVERALL,
    EXPECTED_YEARS,
    HOUSE,
    SENATE,
    build_gap_registry,
    figures_tuple,
)


@pytest.fixture
def registry(make_body, make_bill, make_resolution, make_action, make_check):
    return build_gap_registry(make_body, make_bill, make_resolution, make_action, make_check)


def test_stored_statuses_of_the_fixture(registry):
    """The fixture's bodies sit where the hand-computed tables assume (stored, published only)."""
    rows = {body.slug: body for body in db.session.scalars(select(Body))}
    tiers = {slug: (b.endorsing, b.tier, b.retreat, b.active_without_resolution)
             for slug, b in rows.items()}
    assert tiers == {
        "oakland-nurses": (True, 4, False, False),
        "sacramento-clc": (True, 2, False, False),
        "la-teachers": (True, 0, False, False),
        "ohio-steel": (True, 1, False, False),
        "ohio-federation": (True, 3, True, False),
        "ny-retreat": (False, 0, True, False),
        "ny-active": (False, 3, False, True),
        "ny-checkin-clc": (True, 0, False, False),
        "vt-oppose": (False, 0, False, False),
        "boston-nurses": (True, 3, False, False),
        "texas-undated": (True, 0, False, False),
        "ca-coalition": (True, 0, False, False),
    }
    checked = {slug for slug, b in rows.items() if b.checked}
    assert checked == {"oakland-nurses", "sacramento-clc", "la-teachers", "ohio-steel",
                       "ohio-federation", "ny-retreat", "ny-active", "ny-checkin-clc",
                       "boston-nurses"}
    assert rows["la-teachers"].last_checked_on == date(2025, 6, 1)
    assert rows["ny-checkin-clc"].last_checked_on == date(2023, 3, 1)


def test_overall_gap_matches_the_hand_count(registry):
    figures = overall_gap()
    assert figures_tuple(figures) == EXPECTED_OVERALL
    assert figures.gap == pytest.approx(5 / 8)
    assert figures.paper_only_share == pytest.approx(2 / 8)
    assert figures.unchecked == 1  # K: nobody has looked
    assert figures.gap_among_checked == pytest.approx(1 - 3 / 7)
    assert figures.mobilized_share == pytest.approx(3 / 8)
    assert figures.acted_not_mobilized == 2  # B (tier 2) and D (tier 1)
    assert figures.members_gap == pytest.approx(20_500 / 322_300)


@pytest.mark.parametrize("group_by", sorted(EXPECTED))
def test_gap_by_group_matches_the_hand_count(registry, group_by):
    """Each grouping counts a body once per group: level, state, affiliation, family, year."""
    rows = {row.key: figures_tuple(row.figures) for row in gap_by(group_by)}
    assert rows == EXPECTED[group_by]


def test_gap_by_respects_the_shared_filters(registry):
    """Filters mean what they mean on the body list: here, California's endorsing bodies."""
    rows = {row.key: figures_tuple(row.figures) for row in gap_by("level", {"state": "CA"})}
    assert rows == {"local": (2, 2, 1, 1, 1, 1_000, 1_000),
                    "central_labor_council": (1, 1, 0, 0, 1, 20_000, 0)}
    assert figures_tuple(overall_gap({"bill_family": SENATE})) == (2, 2, 0, 2, 2, 300_800, 300_800)
    assert figures_tuple(overall_gap({"bill_family": "general"})) == (2, 2, 2, 0, 0, 0, 0)
    assert figures_tuple(overall_gap({"affiliation": "AFL-CIO", "level": "central_labor_council"})
                         ) == (2, 2, 1, 0, 1, 20_000, 0)
    assert figures_tuple(overall_gap({"year_from": 2019, "year_to": 2021})) == (
        3, 3, 2, 0, 1, 20_000, 0)  # B, C, H (K is undated, so outside any year range)
    assert figures_tuple(overall_gap({"checked": False})) == (1, 0, 0, 0, 0, 0, 0)  # K


def test_allied_organizations_are_left_out_unless_asked_for(registry):
    """The coalition endorsed, but the gap counts union bodies unless a filter asks."""
    assert figures_tuple(overall_gap({"organization_type": "allied"})) == (1, 0, 0, 0, 0, 0, 0)
    everyone = overall_gap({"organization_type": "all"})
    assert (everyone.endorsing, everyone.unchecked) == (9, 2)
    assert {row.key for row in gap_by("level")} == {"local", "central_labor_council",
                                                   "state_federation"}


def test_gap_can_be_restricted_by_evidence_of_adoption(make_body, make_resolution):
    """adoption=report keeps bodies shown to have adopted by a report or a record."""
    for n, evidence in enumerate(("roster", "report", "record")):
        make_resolution(make_body(slug=f"ev-{n}"), adoption_evidence=evidence)
    assert overall_gap({"adoption": "roster"}).endorsing == 3
    assert overall_gap({"adoption": "report"}).endorsing == 2
    assert overall_gap({"adoption": "record"}).endorsing == 1


def test_dormancy_filter_counts_from_the_injected_today(registry):
    """Dormant = no counted activity in 12 months before 2026-11-28: all but J (and undated K)."""
    assert figures_tuple(overall_gap({"dormant": True})) == (6, 6, 2, 2, 4, 321_500, 301_000)
    assert figures_tuple(overall_gap({"dormant": False})) == (2, 1, 0, 1, 1, 800, 800)


def test_empty_group_has_no_gap(registry):
    """Never divide by zero: a group with no endorsing body has no gap at all."""
    empty = overall_gap({"state": "VT"})
    assert figures_tuple(empty) == (0, 0, 0, 0, 0, 0, 0)
    assert empty.gap is None and empty.paper_only_share is None and empty.members_gap is None
    assert empty.gap_among_checked is None
    assert gap_by("state", {"state": "VT"}) == []


def test_gap_by_rejects_an_unknown_grouping(app):
    with pytest.raises(ValueError, match="group_by must be one of"):
        gap_by("colour")


def test_activity_by_year_matches_the_hand_count(registry):
    """Supporting resolutions by year adopted (or reported), follow-through actions by year
    taken; check-ins, counter-actions and opposing resolutions are left out; undated last."""
    rows = activity_by_year()
    assert [row.year for row in rows] == sorted(y for y in EXPECTED_YEARS if y) + [None]
    assert {row.year: (row.resolutions, row.actions) for row in rows} == EXPECTED_YEARS


def test_activity_by_year_respects_the_shared_filters(registry):
    california = {row.year: (row.resolutions, row.actions)
                  for row in activity_by_year({"state": "CA"})}
    assert california == {2017: (1, 3), 2019: (1, 0), 2021: (1, 1)}
    senate = {row.year: (row.resolutions, row.actions)
              for row in activity_by_year({"bill_family": SENATE})}
    assert senate == {2009: (1, 0), 2019: (1, 0), 2020: (0, 1), 2023: (1, 0), 2026: (0, 1),
                      None: (0, 1)}
    assert activity_by_year({"state": "WY"}) == []


def test_activity_by_year_counts_each_organization_type_apart(registry):
    """Union bodies (the default: every body's records less the others'), allied organizations
    (L's 2018 resolution alone) and everyone (both together) each get their own years."""
    allied = {row.year: (row.resolutions, row.actions)
              for row in activity_by_year({"organization_type": "allied"})}
    assert allied == {2018: (1, 0)}
    everyone = {row.year: (row.resolutions, row.actions)
                for row in activity_by_year({"organization_type": "all"})}
    assert everyone == {**EXPECTED_YEARS, 2018: (1, 0)}
    assert 2018 not in {row.year for row in activity_by_year({"organization_type": "union"})}


def test_mobilized_threshold_comes_from_the_rule_module(registry, monkeypatch):
    """Change the mobilizing tier in the ladder and the figures follow (B at tier 2 joins)."""
    monkeypatch.setattr(ladder, "MOBILIZED_TIER", 2)
    assert figures_tuple(overall_gap()) == (8, 7, 2, 4, 5, 322_300, 321_800)
    house = {row.key: figures_tuple(row.figures) for row in gap_by("bill_family")}[HOUSE]
    assert house == (4, 3, 0, 2, 3, 301_500, 301_000)  # D is tier 1: still not mobilized


def test_totals_of_disjoint_groups_add_up(registry):
    """Level groups cover every endorsing body once, so they add up to the overall figures."""
    total = GapFigures.total([row.figures for row in gap_by("level")])
    assert total == overall_gap()


def test_unpublished_material_never_moves_a_tier(registry):
    """A pending submission reporting a strike leaves the body's stored tier where it was."""
    body = registry["D"]
    db.session.add(Submission(kind="action", status="pending", body_id=body.id, token_hash="x" * 64,
                              payload={"kind": "job_action_or_strike", "occurred_on": "2020-01-01"}))
    db.session.flush()
    refresh_statuses([body.id])
    db.session.commit()
    assert db.session.get(Body, body.id).tier == 1
    assert figures_tuple(overall_gap()) == EXPECTED_OVERALL


def test_aggregates_issue_one_statement_each(app, registry, queries, monkeypatch):
    """Figures are grouped SQL, not rows loaded into Python: one statement per call."""
    monkeypatch.setitem(app.config, "FIGURE_CACHE", False)  # count the work, not the cache
    for call in (lambda: overall_gap(), lambda: gap_by("state"), lambda: gap_by("bill_family"),
                 lambda: activity_by_year({"state": "CA"})):
        with queries() as statements:
            call()
        assert len(statements) == 1
    assert aggregates.GROUPINGS.keys() == EXPECTED.keys()


@pytest.mark.parametrize("filters", [{}, {"state": "CA"}, {"bill_family": HOUSE},
                                     {"affiliation": "AFL-CIO", "dormant": True}])
def test_level_and_state_pairs_roll_up_to_gap_by(registry, filters):
    """The /gap page's one-scan (level, state) figures add up to exactly what gap_by and
    overall_gap say, and keep the groups that have bodies but no endorser."""
    places = aggregates.gap_by_level_and_state(filters)
    for group_by, part in (("level", lambda p: p.level), ("state", lambda p: p.state)):
        rolled: dict = {}
        for place in places:
            rolled.setdefault(part(place), []).append(place.figures)
        totals = {key: GapFigures.total(parts) for key, parts in rolled.items()}
        expected = {row.key: row.figures for row in gap_by(group_by, filters)}
        assert {k: v for k, v in totals.items() if v.endorsing} == expected
    assert GapFigures.total([p.figures for p in places]) == overall_gap(filters)


def test_level_and_state_pairs_count_every_body(registry):
    places = {(p.level, p.state): p for p in aggregates.gap_by_level_and_state()}
    assert sum(p.bodies for p in places.values()) == 11
    vermont = places[("local", "VT")]
    assert vermont.bodies == 1 and vermont.figures.endorsing == 0
    assert places[("local", "NY")].bodies == 2 and places[("local", "NY")].figures.endorsing == 0


def _families_by_hand(state: str | None = None) -> dict[str, int]:
    """Bodies with a supporting resolution per bill family, worked out in Python."""
    families: dict[str, set[int]] = {}
    for body in db.session.scalars(select(Body)):
        if state and body.state != state:
            continue
        for resolution in body.resolutions:
            if resolution.stance == "support":
                family = resolution.bill.family if resolution.bill else "general"
                families.setdefault(family, set()).add(body.id)
    return {family: len(ids) for family, ids in families.items()}


@pytest.mark.parametrize("state", [None, "CA"])
def test_bill_family_facet_counts_each_body_once_per_family(registry, state):
    """Unfiltered, from the resolutions alone; filtered, from the matching bodies' resolutions."""
    from registry.bodies.facets import facet_counts

    counts = {facet.value: facet.count for facet in facet_counts({"state": state})["bill_family"]}
    assert counts == _families_by_hand(state)
    assert counts[HOUSE] == (2 if state else 5)  # A and L in California; D, E, K elsewhere
