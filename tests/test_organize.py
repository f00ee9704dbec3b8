"""The organizer finder's service: distances, the radius boundary, prospects, state-only bodies and
who to ask up the hierarchy."""

from __future__ import annotations

import random
from datetime import date

import pytest
from geopy.distance import geodesic

from registry import cache
from registry.database import db
from registry.geo import Place, lookup
from registry.organize.services import nearby, resolve_near

COLUMBUS = lookup("Columbus, OH").place


def at(point, **values) -> dict:
    return {"latitude": point[0], "longitude": point[1], "geocode_precision": "zip", **values}


def destination(origin, miles_, bearing):
    point = geodesic(miles=miles_).destination(origin, bearing)
    return point.latitude, point.longitude


@pytest.mark.parametrize("origin,radius", [
    (COLUMBUS.point, 30), (COLUMBUS.point, 1), ((64.8378, -147.7164), 200), ((51.88, -176.65), 400),
])
def test_radius_boundary_and_order_follow_geopys_geodesic(make_body, origin, radius):
    """Bodies just inside the radius in every direction are listed, just outside are not; each
    distance is geopy's geodesic, nearest first (also across the 180th meridian)."""
    place = Place(origin[0], origin[1], "zip", "test point")
    inside, outside = {}, set()
    for bearing in range(0, 360, 30):
        near = destination(origin, radius * 0.999, bearing)
        far = destination(origin, radius * 1.001, bearing)
        body = make_body(**at(near, name=f"In {bearing:03d}"))
        inside[body.slug] = geodesic(origin, near).miles
        outside.add(make_body(**at(far, name=f"Out {bearing:03d}")).slug)
    result = nearby(place, radius)
    listed = {item.body.slug: item.distance_mi for item in result.items}
    assert set(listed) == set(inside) and result.total == len(inside)
    for slug, distance in listed.items():
        assert distance == pytest.approx(inside[slug], abs=1e-6)
    distances = [round(item.distance_mi, 6) for item in result.items]
    assert distances == sorted(distances)


def test_limit_keeps_exactly_the_nearest(make_body):
    """With more bodies than the limit, the listed ones are the nearest by geodesic, in order."""
    rng = random.Random(9)
    truth = {}
    for n in range(120):
        point = destination(COLUMBUS.point, rng.uniform(0, 40), rng.uniform(0, 360))
        truth[make_body(**at(point, name=f"Body {n:03d}")).slug] = geodesic(COLUMBUS.point, point).miles
    result = nearby(COLUMBUS, 50, limit=25)
    expected = sorted(truth, key=truth.get)[:25]
    assert [item.body.slug for item in result.items] == expected
    assert result.total == 120 and result.truncated


def test_bodies_are_read_at_the_nearest_positions_only(make_body):
    """The nearest positions' bodies are read by their latitudes and longitudes: a body at
    another pairing of those (here north-east, 97 miles off) is not one of them."""
    lat, lon = COLUMBUS.point
    make_body(**at((lat + 1, lon), name="North Local"))
    make_body(**at((lat, lon + 1.3), name="East Local"))
    make_body(**at((lat + 1, lon + 1.3), name="North-East Local"))
    result = nearby(COLUMBUS, 80)
    assert sorted(item.body.name for item in result.items) == ["East Local", "North Local"]
    assert result.total == 2
    assert nearby(COLUMBUS, 100).total == 3


@pytest.mark.parametrize("limit", [3, 10])
def test_bodies_at_one_point_are_listed_by_name(make_body, limit):
    """Many bodies at a city's centre share one distance: the page lists them by name, whether
    the cut falls among them (limit 3) or all fit (limit 10)."""
    lat, lon = COLUMBUS.point
    for name in ("Delta Local", "Alpha Local", "Echo Local", "Charlie Local", "Bravo Local"):
        make_body(**at((lat + 0.1, lon), name=name))
    make_body(**at((lat + 0.2, lon), name="Aardvark Local"))  # farther: after all of them
    result = nearby(COLUMBUS, 30, limit=limit)
    names = ["Alpha Local", "Bravo Local", "Charlie Local", "Delta Local", "Echo Local", "Aardvark Local"]
    assert [item.body.name for item in result.items] == names[:limit]
    assert result.total == 6


def test_state_precision_bodies_are_listed_apart_without_a_distance(make_body):
    """A body known only to be "somewhere in Ohio" is never measured; one in a far state is not shown."""
    ohio = lookup("ohio").place
    make_body(name="Ohio Somewhere", state="OH", latitude=ohio.latitude, longitude=ohio.longitude,
              geocode_precision="state", city=None)
    make_body(name="Texas Somewhere", state="TX", latitude=31.0, longitude=-98.0,
              geocode_precision="state", city=None)
    make_body(**at(COLUMBUS.point, name="Columbus Local"))
    make_body(name="Unplaced Local", state="OH", latitude=None, longitude=None, geocode_precision=None)
    result = nearby(COLUMBUS, 500)
    assert [item.body.name for item in result.items] == ["Columbus Local"]
    assert [(g.state, g.name, g.total) for g in result.state_groups] == [("OH", "Ohio", 1)]
    assert result.state_groups[0].items[0].distance_mi is None


def test_state_precision_groups_are_kept_per_filters_and_data_version(make_body):
    """The groups are kept between searches of a region; a filter or a new body changes them."""
    ohio = lookup("ohio").place
    somewhere = {"state": "OH", "latitude": ohio.latitude, "longitude": ohio.longitude,
                 "geocode_precision": "state", "city": None}
    make_body(name="Ohio Somewhere Local", level="local", **somewhere)
    first = nearby(COLUMBUS, 100)
    assert [(g.state, g.total, [i.body.name for i in g.items]) for g in first.state_groups] == [
        ("OH", 1, ["Ohio Somewhere Local"])]
    assert nearby(COLUMBUS, 100, {"level": "state_federation"}).state_groups == []
    make_body(name="Ohio AFL-CIO", level="state_federation", **somewhere)
    again = nearby(COLUMBUS, 100)
    assert [(g.state, g.total, [i.body.name for i in g.items]) for g in again.state_groups] == [
        ("OH", 2, ["Ohio AFL-CIO", "Ohio Somewhere Local"])]
    federations = nearby(COLUMBUS, 100, {"level": "state_federation"}).state_groups
    assert [i.body.name for g in federations for i in g.items] == ["Ohio AFL-CIO"]


@pytest.fixture
def prospects(make_body, make_resolution, make_action, make_check):
    """Five bodies in Columbus, one of each prospect kind (REGISTRY_TODAY is 2026-11-28)."""
    def body(name):
        return make_body(**at(COLUMBUS.point, name=name))

    paper = body("Paper Local")
    make_resolution(paper, adopted_on=date(2026, 6, 1))
    make_check(paper, checked_on=date(2026, 11, 12))
    unchecked = body("Unchecked Local")
    make_resolution(unchecked, adopted_on=date(2026, 6, 1))
    dormant = body("Dormant Local")
    make_resolution(dormant, adopted_on=date(2018, 6, 1))
    make_action(dormant, "member_education", occurred_on=date(2018, 7, 1))
    body("Silent Local")
    mobilized = body("Marching Local")
    make_resolution(mobilized, adopted_on=date(2025, 1, 1))
    make_action(mobilized, "rally_or_march", occurred_on=date(2026, 5, 1))


@pytest.mark.parametrize("chosen,expected", [
    ([], ["Dormant Local", "Marching Local", "Paper Local", "Silent Local", "Unchecked Local"]),
    (["never_acted"], ["Paper Local"]),
    (["not_checked"], ["Unchecked Local"]),
    (["dormant"], ["Dormant Local"]),
    (["no_resolution"], ["Silent Local"]),
    (["mobilized"], ["Marching Local"]),
    (["never_acted", "mobilized"], ["Marching Local", "Paper Local"]),
])
def test_prospect_filters(prospects, chosen, expected):
    result = nearby(COLUMBUS, 10, {"prospects": chosen})
    assert sorted(item.body.name for item in result.items) == expected


def test_each_result_says_why(prospects):
    reasons = {item.body.name: item.reason for item in nearby(COLUMBUS, 10).items}
    assert reasons["Paper Local"] == "Endorsed in 2026; no follow-through found (checked November 2026)"
    assert reasons["Unchecked Local"] == ("Endorsed in 2026; follow-through not yet checked: ask what "
                                          "they did, and tell the registry")
    assert reasons["Dormant Local"].endswith("dormant since 1 July 2018")
    assert reasons["Silent Local"].startswith("No resolution of support on record")
    assert "potential ally" in reasons["Marching Local"]


def test_level_and_affiliation_filters(make_body):
    make_body(**at(COLUMBUS.point, name="A", level="local", affiliation="SEIU"))
    make_body(**at(COLUMBUS.point, name="B", level="local", affiliation="AFT"))
    make_body(**at(COLUMBUS.point, name="C", level="central_labor_council", affiliation="AFL-CIO"))
    assert [i.body.name for i in nearby(COLUMBUS, 5, {"level": "local"}).items] == ["A", "B"]
    assert [i.body.name for i in nearby(COLUMBUS, 5, {"affiliation": "AFT"}).items] == ["B"]


def test_who_to_ask_up_the_hierarchy(make_body):
    """The parent when recorded; else, for a local, its state's nearest CLC, else its state federation."""
    national = make_body(name="National Union", level="national_union", state="DC")
    child = make_body(**at(COLUMBUS.point, name="Child Local", parent_id=national.id))
    orphan = make_body(**at(COLUMBUS.point, name="Orphan Local"))
    make_body(**at(lookup("Cleveland, OH").place.point, name="Cleveland CLC", level="central_labor_council"))
    make_body(**at(lookup("Dayton, OH").place.point, name="Dayton CLC", level="central_labor_council"))
    make_body(name="Ohio Federation", level="state_federation", state="OH")
    kentucky = make_body(**at(lookup("Lexington, KY").place.point, name="Kentucky Local", state="KY"))
    make_body(name="Kentucky Federation", level="state_federation", state="KY")
    asks = {item.body.id: item.ask for item in nearby(COLUMBUS, 200).items}
    assert (asks[child.id].body.name, asks[child.id].rule) == ("National Union", "parent")
    assert (asks[orphan.id].body.name, asks[orphan.id].rule) == ("Dayton CLC", "central_labor_council")
    assert (asks[kentucky.id].body.name, asks[kentucky.id].rule) == ("Kentucky Federation",
                                                                     "state_federation")


def shown(result) -> list[tuple]:
    return [(g.state, g.total, [i.body.name for i in g.items]) for g in result.state_groups]


def test_searches_touching_a_state_share_its_group(make_body, queries):
    """A wide search keeps each state's group apart: later searches touching some of the same
    states, in other combinations, read no state group again, and show what reading them afresh
    shows."""
    for state, name in (("OH", "Ohio"), ("PA", "Pennsylvania"), ("KY", "Kentucky")):
        place = lookup(name.lower()).place
        make_body(name=f"{name} Somewhere Local", state=state, latitude=place.latitude,
                  longitude=place.longitude, geocode_precision="state", city=None)
    pittsburgh = lookup("Pittsburgh, PA").place
    wide = nearby(COLUMBUS, 250)
    for group in (("OH", 1, ["Ohio Somewhere Local"]), ("PA", 1, ["Pennsylvania Somewhere Local"]),
                  ("KY", 1, ["Kentucky Somewhere Local"])):
        assert group in shown(wide)
    with queries() as later:
        searches = [nearby(pittsburgh, 30), nearby(COLUMBUS, 30), nearby(pittsburgh, 30, {"level": None})]
    assert not [statement for statement in later if "row_number" in statement.lower()], later
    assert shown(searches[1]) == [("OH", 1, ["Ohio Somewhere Local"])]
    assert ("PA", 1, ["Pennsylvania Somewhere Local"]) in shown(searches[0])
    cache.clear()
    assert [shown(nearby(pittsburgh, 30)), shown(nearby(COLUMBUS, 30))] == list(map(shown, searches[:2]))


def test_parents_are_read_with_the_listed_bodies(make_body, queries):
    """A listed body's parent, measured or placed only in a state, is read in the same statement
    as the bodies: showing it asks nothing more, and the search's statements stay few."""
    ohio = lookup("ohio").place
    national = make_body(name="National Union", level="national_union", state="DC")
    council = make_body(**at(lookup("Dayton, OH").place.point, name="Dayton CLC",
                             level="central_labor_council"))
    make_body(**at(COLUMBUS.point, name="Child Local", parent_id=national.id))
    make_body(**at(COLUMBUS.point, name="Orphan Local"))
    make_body(name="Ohio Somewhere Local", state="OH", latitude=ohio.latitude, longitude=ohio.longitude,
              geocode_precision="state", city=None, parent_id=council.id)
    db.session.expunge_all()
    with queries() as statements:
        result = nearby(COLUMBUS, 30)
        parents = {item.body.name: item.body.parent and item.body.parent.name
                   for item in result.items + result.state_groups[0].items}
    assert parents == {"Child Local": "National Union", "Orphan Local": None,
                       "Ohio Somewhere Local": "Dayton CLC"}
    assert len(statements) <= 7, statements


def test_empty_result_says_what_to_widen(make_body):
    make_body(**at(destination(COLUMBUS.point, 40, 90), name="Far Local", level="local"))
    result = nearby(COLUMBUS, 10, {"prospects": ["mobilized"], "level": "local"})
    assert result.items == []
    widenings = {w.label: w.total for w in result.widenings}
    assert widenings == {"a radius of 50 miles": 0, "any kind of body (no prospect filter)": 0,
                         "any level and affiliation": 0}
    result = nearby(COLUMBUS, 10, {"prospects": []})
    assert {w.label: w.total for w in result.widenings} == {"a radius of 50 miles": 1}


def test_radius_out_of_range_is_refused_by_the_service(app):
    with pytest.raises(ValueError):
        nearby(COLUMBUS, 0.5)
    with pytest.raises(ValueError):
        nearby(COLUMBUS, 501)


def test_resolve_near_refuses_a_whole_state(app):
    found = resolve_near("Ohio")
    assert found.place is None and "whole state" in found.problem
    assert resolve_near("43215").place.precision == "zip"
