"""The follow-through ladder, rule by rule (pure functions, no database)."""

from __future__ import annotations

from datetime import date

import pytest

from registry.followthrough.ladder import (
    ACTION_KINDS,
    ActionFact,
    ResolutionFact,
    body_status,
    months_before,
)

RESOLVED = [ResolutionFact("support", date(2019, 1, 15), "day")]

EXPECTED_RUNG = {
    "check_in": 0,
    "forwarded_to_officials": 1, "member_education": 1, "committee_formed": 1,
    "newsletter_or_statement": 1,
    "testimony": 2, "lobby_visit": 2, "town_hall": 2, "petition_drive": 2, "press_event": 2,
    "coalition_joined": 2,
    "rally_or_march": 3, "canvass_or_phonebank": 3, "funding": 3, "member_turnout": 3,
    "job_action_or_strike": 4, "sustained_campaign": 4,
    "opposed_bill": None, "rescinded_resolution": None, "endorsed_opponent": None,
}


def test_every_kind_is_covered_by_this_table():
    assert set(EXPECTED_RUNG) == set(ACTION_KINDS)


@pytest.mark.parametrize("kind,rung", EXPECTED_RUNG.items())
def test_each_kind_sets_its_tier(kind, rung):
    """A single action after the resolution puts the body on that kind's rung."""
    status = body_status(RESOLVED, [ActionFact(kind, date(2019, 6, 1), "day")])
    assert status.tier == (rung or 0)
    assert status.retreat is (rung is None)
    assert status.endorsing


def test_no_action_and_no_check_is_not_yet_checked():
    """An endorsing body nobody has looked at is "not yet checked", never "paper only"."""
    status = body_status(RESOLVED, [])
    assert status.tier == 0 and not status.checked and status.standing == "not_checked"
    assert status.reason().startswith("Not yet checked: ")


def test_a_dated_check_that_found_nothing_is_paper_only():
    status = body_status(RESOLVED, [], [date(2026, 11, 12), date(2024, 1, 5)])
    assert status.checked and status.last_checked_on == date(2026, 11, 12)
    assert status.standing == "tier_0" and status.tier_name == "Paper only"
    assert status.reason() == ("Tier 0 — Paper only: checked 12 November 2026, no follow-through "
                               "found")


def test_any_action_makes_a_body_checked():
    status = body_status(RESOLVED, [ActionFact("rally_or_march", date(2018, 12, 31))])
    assert status.checked and status.last_checked_on is None and status.standing == "tier_0"


def test_standing_of_a_body_without_any_resolution():
    assert body_status([], []).standing == "no_resolution"
    assert body_status([], [ActionFact("lobby_visit", date(2020, 3, 3))]).standing == "tier_2"


def test_highest_rung_wins_and_reason_names_it():
    status = body_status(RESOLVED, [
        ActionFact("member_education", date(2019, 3, 1)),
        ActionFact("rally_or_march", date(2019, 5, 1), "day", participants=400),
        ActionFact("lobby_visit", date(2020, 1, 1)),
    ])
    assert status.tier == 3
    assert status.reason() == "Tier 3 — Mobilizing: rally or march on 1 May 2019, 400 members"


def test_actions_before_the_first_resolution_are_not_counted():
    status = body_status(RESOLVED, [ActionFact("rally_or_march", date(2018, 12, 31))])
    assert status.tier == 0
    assert len(status.before_resolution) == 1 and not status.counted
    assert status.reason() == ("Tier 0 — Paper only: no counted follow-through action after the "
                               "resolution (1 dated before it, not counted)")


@pytest.mark.parametrize("resolutions", [
    [ResolutionFact("support", date(2019, 1, 15), "day", "reported")],
    [ResolutionFact("support", date(2019, 1, 15), "day", "adopted"),
     ResolutionFact("support", date(2020, 6, 1), "day", "reported")],
    [ResolutionFact("support", date(2019, 1, 15), "day", "adopted"),
     ResolutionFact("support", None, None, None)],
])
def test_a_reported_or_missing_date_never_puts_an_action_before_the_resolution(resolutions):
    """A roster's date is a no-later-than date for adoption: the vote may have come much earlier,
    so an action dated before it still counts."""
    status = body_status(resolutions, [ActionFact("rally_or_march", date(2018, 12, 31))])
    assert status.tier == 3 and not status.before_resolution and status.counts_from is None


def test_same_day_and_same_month_actions_count():
    """'On or after': an action in the resolution's own month may have followed it."""
    on_day = body_status(RESOLVED, [ActionFact("testimony", date(2019, 1, 15))])
    same_month = body_status(RESOLVED, [ActionFact("testimony", date(2019, 1, 1), "month")])
    assert on_day.tier == 2 and same_month.tier == 2


def test_earliest_supporting_resolution_is_the_start():
    resolutions = [ResolutionFact("support", date(2020, 1, 1)),
                   ResolutionFact("support", date(2017, 1, 1)),
                   ResolutionFact("oppose", date(2010, 1, 1))]
    status = body_status(resolutions, [ActionFact("lobby_visit", date(2018, 1, 1))])
    assert status.first_resolution_on == date(2017, 1, 1) and status.tier == 2


def test_sustained_campaign_from_three_distinct_months():
    actions = [ActionFact("rally_or_march", date(2019, 3, 1)),
               ActionFact("canvass_or_phonebank", date(2019, 3, 20)),
               ActionFact("funding", date(2019, 7, 1)),
               ActionFact("member_turnout", date(2020, 2, 1), "month")]
    status = body_status(RESOLVED, actions)
    assert status.tier == 4
    assert status.sustained_months == ["2019-03", "2019-07", "2020-02"]
    assert status.reason().startswith("Tier 4 — Escalating: sustained campaign")


def test_two_months_or_year_dates_are_not_sustained():
    actions = [ActionFact("rally_or_march", date(2019, 3, 1)),
               ActionFact("rally_or_march", date(2019, 3, 25)),
               ActionFact("rally_or_march", date(2019, 7, 1)),
               ActionFact("rally_or_march", date(2020, 1, 1), "year")]
    assert body_status(RESOLVED, actions).tier == 3


def test_counter_actions_set_retreat_but_do_not_lower_tier():
    actions = [ActionFact("lobby_visit", date(2019, 3, 1)),
               ActionFact("rescinded_resolution", date(2021, 1, 1))]
    status = body_status(RESOLVED, actions)
    assert status.tier == 2 and status.retreat


def test_only_counter_actions_is_tier_zero_with_retreat():
    status = body_status([], [ActionFact("opposed_bill", date(2017, 5, 1))])
    assert status.tier == 0 and status.retreat and not status.endorsing
    assert not status.active_without_resolution


def test_check_in_records_a_dated_look():
    status = body_status(RESOLVED, [ActionFact("check_in", date(2022, 4, 1))])
    assert status.tier == 0
    assert status.reason() == "Tier 0 — Paper only: a check-in on 1 April 2022 found no action"
    assert status.checked and status.last_checked_on == date(2022, 4, 1)
    # A check-in is not activity: dormancy runs from the resolution.
    assert status.last_activity_on == date(2019, 1, 15)


@pytest.mark.parametrize("today,dormant", [
    (date(2020, 6, 1), False),   # exactly 12 months after the last action
    (date(2020, 6, 2), True),    # one day more
    (date(2019, 12, 1), False),
])
def test_dormancy_at_the_twelve_month_boundary(today, dormant):
    status = body_status(RESOLVED, [ActionFact("lobby_visit", date(2019, 6, 1))])
    assert status.is_dormant(today) is dormant


def test_dormancy_uses_the_end_of_a_partial_date():
    status = body_status([ResolutionFact("support", date(2019, 1, 1), "year")], [])
    assert status.last_activity_on == date(2019, 12, 31)
    assert not status.is_dormant(date(2020, 12, 31))
    assert status.is_dormant(date(2021, 1, 1))


def test_undated_body_is_never_called_dormant():
    status = body_status([ResolutionFact("support", None, None)], [])
    assert status.last_activity_on is None and not status.is_dormant(date(2030, 1, 1))


def test_undated_resolution_counts_every_dated_action():
    status = body_status([ResolutionFact("support", None, None)],
                         [ActionFact("rally_or_march", date(2001, 1, 1))])
    assert status.tier == 3


def test_undated_actions_count_but_set_no_date():
    """Nothing shows an undated action came before the resolution, so it counts; it dates nothing."""
    status = body_status(RESOLVED, [ActionFact("rally_or_march", None, None)])
    assert status.tier == 3 and len(status.undated) == 1
    assert status.reason() == "Tier 3 — Mobilizing: rally or march (undated)"
    assert status.last_activity_on == date(2019, 1, 15)


def test_undated_mobilizing_actions_make_no_sustained_campaign():
    actions = [ActionFact("rally_or_march", None, None) for _ in range(4)]
    assert body_status(RESOLVED, actions).tier == 3


@pytest.mark.parametrize("scope,counted", [
    ("federal_bill", True), ("state_bill", True), ("single_payer", True), ("health_reform", False),
])
def test_only_single_payer_scopes_move_the_ladder(scope, counted):
    status = body_status(RESOLVED, [ActionFact("rally_or_march", date(2019, 6, 1), scope=scope),
                                    ActionFact("opposed_bill", date(2019, 7, 1), scope=scope)])
    assert status.tier == (3 if counted else 0) and status.retreat is counted
    assert status.checked
    if not counted:
        assert len(status.out_of_scope) == 2
        assert status.reason().endswith("(2 for health reform other than single payer, not counted)")


def test_active_without_a_resolution():
    status = body_status([], [ActionFact("rally_or_march", date(2019, 1, 1))])
    assert status.active_without_resolution and not status.endorsing and status.tier == 3
    assert status.reason().startswith("Active without a resolution · Tier 3")


def test_months_before_clamps_to_month_end():
    assert months_before(date(2021, 3, 31), 1) == date(2021, 2, 28)
    assert months_before(date(2020, 2, 29), 12) == date(2019, 2, 28)
    assert months_before(date(2020, 1, 15), 12) == date(2019, 1, 15)


def test_reason_names_the_latest_counter_action():
    """The retreat flag is explained beside the tier it leaves untouched."""
    status = body_status(RESOLVED, [ActionFact("lobby_visit", date(2019, 3, 1)),
                                    ActionFact("endorsed_opponent", date(2020, 10, 1)),
                                    ActionFact("opposed_bill", date(2021, 2, 1), "month")])
    assert status.reason() == ("Tier 2 — Public: lobby visit on 1 March 2019; "
                               "retreat: opposed a bill in February 2021")


def test_only_counter_actions_reason_says_there_is_no_resolution():
    status = body_status([], [ActionFact("rescinded_resolution", None, None)])
    assert status.tier == 0 and status.retreat
    assert status.reason() == ("No supporting resolution on record; "
                               "retreat: rescinded resolution (undated)")


def test_opposing_resolution_alone_is_not_an_endorsement():
    status = body_status([ResolutionFact("oppose", date(2018, 1, 1))], [])
    assert not status.endorsing and status.tier == 0
    assert status.reason() == "No supporting resolution on record"


def test_active_without_resolution_with_only_undated_actions():
    status = body_status([], [ActionFact("testimony", None, None)])
    assert status.active_without_resolution and status.tier == 2
    assert status.reason() == "Active without a resolution · Tier 2 — Public: testimony (undated)"


def test_sustained_campaign_counts_only_counted_months():
    """Mobilizing months before the first resolution do not make a sustained campaign."""
    actions = [ActionFact("rally_or_march", date(2018, 10, 1)),
               ActionFact("rally_or_march", date(2018, 11, 1)),
               ActionFact("rally_or_march", date(2019, 2, 1))]
    status = body_status(RESOLVED, actions)
    assert status.tier == 3 and not status.sustained_months
