"""The offline gazetteer, free-text place lookup, the gazetteer geocoder and distances."""

from __future__ import annotations

import random

import pytest
from geopy.distance import geodesic
from geopy.location import Location

from registry.geo import GazetteerGeocoder, bounding_boxes, lookup, miles, place_from, sphere_miles
from registry.geo.distance import SPHERE_ERROR, SphereFrom, haversine_of, miles_of_haversine, sphere_bounds
from registry.geo.regions import states_near

COLUMBUS_ZIP = (39.9671, -83.0044)


@pytest.mark.parametrize("text", ["43215", "43215-1234", "432151234", " 43215 ", "43215 - 1234",
                                  "Columbus, OH 43215"])
def test_zip_forms_resolve_to_the_zip_centre(text):
    """Five-digit ZIPs and ZIP+4 (any spacing) resolve to the ZIP's own position."""
    found = lookup(text)
    assert found.place is not None and found.place.precision == "zip"
    assert found.place.point == COLUMBUS_ZIP
    assert found.place.state == "OH"


@pytest.mark.parametrize("text", ["Columbus, OH", "Columbus OH", "columbus, oh", "COLUMBUS OHIO",
                                  "Columbus, Ohio", "  columbus ,   ohio  ", "columbus  oh."])
def test_city_forms_resolve_to_the_same_city_centre(text):
    """"City, ST", "City ST" and "City, State name", in any case and spacing, mean one place."""
    found = lookup(text)
    assert found.place is not None
    assert (found.place.precision, found.place.label, found.place.state) == ("city", "Columbus, OH", "OH")
    assert found.place.point == lookup("Columbus, OH").place.point


def test_multi_word_cities_and_states():
    """Saint/St. spellings match, and multi-word state names are read from the end."""
    assert lookup("St. Louis, MO").place == lookup("saint louis mo").place
    assert lookup("Charleston West Virginia").place.state == "WV"
    assert lookup("Washington, District of Columbia").place.label == "Washington, DC"


def test_unknown_zip_suggests_same_prefix_zips():
    """An unknown ZIP says so and offers ZIPs sharing its first three digits, closest first."""
    found = lookup("99999")
    assert found.place is None and "No ZIP code 99999" in found.problem
    assert found.suggestions and all(s.value.startswith("999") for s in found.suggestions)
    assert [s.value for s in found.suggestions] == sorted((s.value for s in found.suggestions), reverse=True)


def test_unknown_city_suggests_similar_names_in_that_state():
    found = lookup("Clevland, OH")
    assert found.place is None and "Clevland" in found.problem and "Ohio" in found.problem
    assert found.suggestions[0].value == "Cleveland, OH"
    assert all(s.value.endswith(", OH") for s in found.suggestions)


def test_ambiguous_city_lists_its_states():
    """A bare city name found in several states is not guessed: every state is offered."""
    found = lookup("Kansas City")
    assert found.place is None and "2 states" in found.problem
    assert [s.value for s in found.suggestions] == ["Kansas City, KS", "Kansas City, MO"]
    assert {p.state for p in found.candidates} == {"KS", "MO"}


@pytest.mark.parametrize("text,problem", [
    ("", "Enter a ZIP code"), ("   ", "Enter a ZIP code"), ("1234", "not a ZIP code"),
    ("Columbus, Ohi", "not a US state"), ("Xyzzyville", "No place called"),
])
def test_bad_text_explains_itself(text, problem):
    found = lookup(text)
    assert found.place is None and problem in found.problem


def test_misspelt_state_suggests_the_city_in_the_likely_state_first():
    assert lookup("Columbus, Ohi").suggestions[0].value == "Columbus, OH"


def test_a_state_name_alone_is_state_precision():
    place = lookup("ohio").place
    assert (place.precision, place.label, place.state) == ("state", "Ohio", "OH")


def test_gazetteer_geocoder_speaks_geopy():
    """The offline geocoder returns geopy Locations carrying their precision; ambiguous names
    give None for one answer and every match for several."""
    geocoder = GazetteerGeocoder()
    location = geocoder.geocode("43215-0001")
    assert isinstance(location, Location)
    assert (location.latitude, location.longitude) == COLUMBUS_ZIP
    assert location.raw["precision"] == "zip"
    assert place_from(location).state == "OH"
    assert geocoder.geocode("Kansas City") is None
    both = geocoder.geocode("Kansas City", exactly_one=False)
    assert sorted(place_from(loc).label for loc in both) == ["Kansas City, KS", "Kansas City, MO"]
    assert geocoder.geocode("no such place at all") is None


def test_miles_is_geopys_geodesic():
    a, b = (39.9612, -82.9988), (41.4993, -81.6944)
    assert miles(a, b) == pytest.approx(geodesic(a, b).miles, rel=1e-12)


def test_spherical_estimate_stays_within_its_error_band():
    """The fast estimate used to rank candidates never strays more than SPHERE_ERROR from geodesic."""
    rng = random.Random(4)
    for _ in range(3000):
        a = (rng.uniform(-80, 80), rng.uniform(-180, 180))
        b = (max(-89.0, min(89.0, a[0] + rng.uniform(-8, 8))), a[1] + rng.uniform(-10, 10))
        exact = miles(a, b)
        if exact > 0.01:
            assert abs(sphere_miles(*a, *b) - exact) <= SPHERE_ERROR * exact


@pytest.mark.parametrize("latitude", [-62.0, -20.0, -0.4, 0.0, 1.5, 18.4, 25.8, 40.7, 47.6, 61.2, 71.3])
@pytest.mark.parametrize("radius", [5, 30, 100, 500])
def test_latitude_aware_bounds_hold_within_the_radius(latitude, radius):
    """low * sphere <= geodesic <= high * sphere for points within the radius, in every direction
    and at every distance up to it (the organizer decides inside/outside and the nearest on it)."""
    low, high = sphere_bounds(latitude, radius)
    assert low < high
    rng = random.Random(int(latitude * 10) + radius)
    centre = (latitude, rng.uniform(-179, 179))
    origin = SphereFrom(*centre)
    for _ in range(400):
        point = geodesic(miles=rng.uniform(0.05, 1.0) * radius).destination(centre, rng.uniform(0, 360))
        exact = miles(centre, (point.latitude, point.longitude))
        estimate = origin.miles_to(point.latitude, point.longitude)
        assert low * estimate <= exact <= high * estimate, (point, exact, estimate)


def test_latitude_aware_bounds_are_tighter_than_the_global_band_in_the_states():
    """What makes them worth having: fewer positions need the geodesic near the boundary."""
    for latitude in (25.8, 40.7, 47.6):
        low, high = sphere_bounds(latitude, 100)
        assert high / low - 1 < 0.5 * ((1 + SPHERE_ERROR) / (1 - SPHERE_ERROR) - 1)


def test_haversine_round_trips_miles():
    for distance in (0.0, 0.3, 12.5, 100.0, 2500.0):
        assert miles_of_haversine(haversine_of(distance)) == pytest.approx(distance, abs=1e-9)
    origin = SphereFrom(39.9612, -82.9988)  # Columbus to Cleveland, 126 miles
    cleveland = (41.4993, -81.6944)
    assert origin.miles_to(*cleveland) == pytest.approx(126.3, abs=0.1)
    assert origin.haversine_to(*cleveland) == pytest.approx(haversine_of(origin.miles_to(*cleveland)))


@pytest.mark.parametrize("centre,radius", [
    ((39.9612, -82.9988), 30), ((39.9612, -82.9988), 500), ((64.8378, -147.7164), 250),
    ((51.88, -176.65), 500), ((0.5, 10.0), 100), ((-33.9, 18.4), 5),
])
def test_bounding_boxes_contain_every_point_within_the_radius(centre, radius):
    """Points at the radius in every direction fall inside the boxes (also across the 180th meridian)."""
    boxes = bounding_boxes(*centre, radius)
    for bearing in range(0, 360, 5):
        point = geodesic(miles=radius).destination(centre, bearing)
        assert any(b.south <= point.latitude <= b.north and b.west <= point.longitude <= b.east
                   for b in boxes), (bearing, point)


def test_states_near_follows_the_circle():
    """A circle around Columbus touches only Ohio at 10 miles, its neighbours at 150."""
    assert states_near(39.9612, -82.9988, 10) == {"OH"}
    assert {"OH", "WV", "PA", "KY", "IN", "MI"} <= states_near(39.9612, -82.9988, 150)
    assert "CA" not in states_near(39.9612, -82.9988, 500)
