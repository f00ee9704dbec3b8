"""Body status everywhere: the profile shows tier, reason, flags and one dated timeline; lists
show the tier badge and flags; the stored status always equals what the rules compute."""

from __future__ import annotations

import html
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.database import db
from registry.followthrough.status import refresh_statuses, status_of
from registry.models import Action, Body
from tests.gap_registry import build_gap_registry


@pytest.fixture
def registry(make_body, make_bill, make_resolution, make_action, make_check):
    return build_gap_registry(make_body, make_bill, make_resolution, make_action, make_check)


def profile(client, slug: str) -> str:
    response = client.get(f"/bodies/{slug}")
    assert response.status_code == 200
    return " ".join(html.unescape(response.get_data(as_text=True)).split())


def test_stored_status_equals_the_rules(registry):
    """What lists, filters and aggregates read is exactly what the ladder computes."""
    bodies = db.session.scalars(select(Body).options(selectinload(Body.resolutions),
                                                     selectinload(Body.actions)))
    for body in bodies:
        status = status_of(body)
        assert (body.endorsing, body.tier, body.retreat, body.active_without_resolution,
                body.first_resolution_on, body.last_activity_on) == (
            status.endorsing, status.tier, status.retreat, status.active_without_resolution,
            status.first_resolution_on, status.last_activity_on), body.slug


def test_profile_shows_tier_reason_and_a_sustained_campaign(client, registry):
    page = profile(client, "oakland-nurses")
    assert "Tier 4 · Escalating" in page
    assert ("Tier 4 — Escalating: sustained campaign: mobilizing actions in 3 distinct months "
            "(latest 2017-05, 2017-06, 2017-09)") in page
    assert "Dormant" in page  # nothing since September 2017, today is 2026-11-28


def test_profile_marks_actions_that_do_not_count(client, registry):
    steel = profile(client, "ohio-steel")
    assert "Tier 1 — Internal: member education on 1 June 2008" in steel
    assert "before the first resolution: not counted" in steel
    checkin = profile(client, "ny-checkin-clc")
    assert "Tier 0 — Paper only: a check-in on 1 March 2023 found no action" in checkin
    assert "general health reform, not single payer: not counted" in checkin
    assert checkin.index("1 February 2020") < checkin.index("general health reform")  # undated last
    boston = profile(client, "boston-nurses")
    assert "undated: counted, but sets no date of last activity" in boston


def test_profile_says_when_and_where_a_body_was_checked(client, registry):
    """A checked body shows its last check; an unchecked one says nobody has looked yet."""
    teachers = profile(client, "la-teachers")
    assert "Tier 0 · Paper only" in teachers
    assert ("Last checked 1 June 2025</strong> by a registry researcher: no follow-through found in "
            "https://example.org/minutes; The local's newsletter archive, 2019-2026.") in teachers
    assert "Tier 0 — Paper only: checked 1 June 2025, no follow-through found" in teachers
    unchecked = profile(client, "texas-undated")
    assert "Not yet checked" in unchecked and "Tier 0" not in unchecked
    assert "Nobody has recorded a look at this body's follow-through" in unchecked
    assert 'href="/submit/action?body=texas-undated&amp;report=check"' in \
        client.get("/bodies/texas-undated").get_data(as_text=True)


def test_profile_shows_retreat_and_active_flags(client, registry):
    federation = profile(client, "ohio-federation")
    assert "Tier 3 · Mobilizing" in federation and "⚑ Retreat" in federation
    assert "retreat: opposed a bill on 1 March 2022" in federation
    assert "counter-action: sets the retreat flag" in federation
    retreat_only = profile(client, "ny-retreat")
    assert "⚑ Retreat" in retreat_only and "Tier 0 ·" not in retreat_only
    assert "No supporting resolution on record; retreat: rescinded resolution on 1 January 2018" \
        in retreat_only
    active = profile(client, "ny-active")
    assert "Active without a resolution · Tier 3 — Mobilizing: rally or march on 2 February 2022" \
        in active


def test_profile_timeline_carries_sources_and_evidence(client, registry):
    page = profile(client, "la-teachers")
    assert "(date reported; adopted by then, vote date unknown)" in page and "2019" in page
    assert "Report — a news or union report says it adopted one" in page
    assert "https://example.org/resolution" in page and "Sourced" in page


@pytest.mark.parametrize("today,dormant", [(date(2020, 6, 1), False), (date(2020, 6, 2), True)])
def test_dormancy_follows_the_injected_today(make_app, make_body, make_resolution, make_action,
                                             today, dormant):
    """Twelve months after the last counted action, to the day, with a frozen clock."""
    body = make_body(slug="clocked")
    make_resolution(body, adopted_on=date(2019, 1, 15))
    make_action(body, "lobby_visit", occurred_on=date(2019, 6, 1))
    client = make_app(REGISTRY_TODAY=today).test_client()
    assert ("flag-dormant" in client.get("/bodies/clocked").get_data(as_text=True)) is dormant
    assert ("flag-dormant" in client.get("/bodies").get_data(as_text=True)) is dormant


def test_list_shows_tier_badges_and_flags(client, registry):
    page = html.unescape(client.get("/bodies?per_page=50").get_data(as_text=True))
    row = {slug: page.split(f'href="/bodies/{slug}"')[1].split("</tr>")[0]
           for slug in ("oakland-nurses", "ohio-federation", "ny-active", "vt-oppose",
                        "boston-nurses")}
    assert "Tier 4 · Escalating" in row["oakland-nurses"] and "Dormant" in row["oakland-nurses"]
    assert "⚑ Retreat" in row["ohio-federation"]
    assert "Active without a resolution" in row["ny-active"]
    assert "No resolution" in row["vt-oppose"]
    assert "Tier 3 · Mobilizing" in row["boston-nurses"] and "Dormant" not in row["boston-nurses"]


def test_removing_an_action_lowers_the_stored_tier(client, registry):
    body = registry["E"]
    turnout = db.session.scalar(select(Action).where(Action.body_id == body.id,
                                                     Action.kind == "member_turnout"))
    db.session.delete(turnout)
    db.session.flush()
    refresh_statuses([body.id])
    db.session.commit()
    stored = db.session.get(Body, body.id)
    assert stored.tier == 0 and stored.retreat
    assert "Tier 0 · Paper only" in profile(client, "ohio-federation")
