"""Who to ask up the hierarchy: the recorded parent first; else the nearest central labor
council by distance (its own state's when nearly as near, another state's only across a nearby
line), with the distance said; else the state federation; never a council picked by its name."""

from __future__ import annotations

import pytest

from registry.organize.hierarchy import asks_for
from tests.local_services import city_place as place


@pytest.fixture
def oregon(make_body):
    bend = make_body(name="Central Oregon Labor Council", level="central_labor_council",
                     **place("Bend, OR"))
    portland = make_body(name="Northwest Oregon Labor Council", level="central_labor_council",
                         **place("Portland, OR"))
    federation = make_body(name="Oregon AFL-CIO", level="state_federation", state="OR")
    return {"bend": bend, "portland": portland, "federation": federation}


def ask(body):
    return asks_for([body]).get(body.id)


def test_a_portland_local_is_sent_to_the_portland_council_not_bend(make_body, oregon):
    local = make_body(name="Carpenters Local 247", **place("Portland, OR"))
    answer = ask(local)
    assert answer.body.name == "Northwest Oregon Labor Council"
    assert answer.distance_mi < 1
    assert answer.explanation == ("no parent on record: the nearest central labor council "
                                  "(Portland, OR), less than a mile away")


def test_the_recorded_parent_comes_first(make_body, oregon):
    local = make_body(name="Teamsters Local 206", parent_id=oregon["bend"].id, **place("Portland, OR"))
    answer = ask(local)
    assert (answer.body.name, answer.rule) == ("Central Oregon Labor Council", "parent")


def test_a_council_across_a_nearby_state_line(make_body, oregon):
    """Vancouver, WA is a Portland suburb: with no council in Washington near, Portland's."""
    make_body(name="Washington State Labor Council", level="state_federation", state="WA")
    local = make_body(name="Vancouver Local", **place("Vancouver, WA"))
    answer = ask(local)
    assert answer.body.name == "Northwest Oregon Labor Council"
    assert "(Portland, OR)" in answer.explanation and "miles away" in answer.explanation


def test_its_own_states_council_when_nearly_as_near(make_body, oregon):
    """Vancouver, WA: a Washington council 10.3 miles off beats Portland's 9.6 (within the margin);
    one 38 miles off does not."""
    far = make_body(name="Longview Council", level="central_labor_council", **place("Longview, WA"))
    local = make_body(name="Vancouver Local", **place("Vancouver, WA"))
    assert ask(local).body == oregon["portland"]
    near = make_body(name="Battle Ground Council", level="central_labor_council",
                     **place("Battle Ground, WA"))
    assert ask(local).body == near and ask(local).body != far


def test_a_far_council_gives_way_to_the_state_federation(make_body, oregon):
    oregon["portland"].latitude = None
    oregon["portland"].geocode_precision = "state"
    local = make_body(name="Portland Local", **place("Portland, OR"))
    answer = ask(local)
    assert (answer.body.name, answer.rule) == ("Oregon AFL-CIO", "state_federation")


def test_without_a_federation_the_far_council_is_named_with_its_distance(make_body):
    bend = make_body(name="Central Oregon Labor Council", level="central_labor_council",
                     **place("Bend, OR"))
    local = make_body(name="Astoria Local", **place("Astoria, OR"))
    answer = ask(local)
    assert answer.body == bend and answer.distance_mi > 100
    assert f"{answer.distance_mi:,.0f} miles away" in answer.explanation


def test_a_body_without_a_position_is_not_told_a_council_is_nearest(make_body, oregon):
    local = make_body(name="Somewhere Local", state="OR", city=None, geocode_precision="state",
                      latitude=44.0, longitude=-120.5)
    assert (ask(local).body.name, ask(local).rule) == ("Oregon AFL-CIO", "state_federation")
    oregon["federation"].level = "other"
    answer = ask(local)
    assert answer.rule == "council_in_state" and "nearest" not in answer.explanation
