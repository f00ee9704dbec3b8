"""/help/check?near=…: endorsing bodies near a place that nobody has checked, or not for six
months, nearest first, each with the two one-tap answers; bad places get a clear error."""

from __future__ import annotations

import re
from datetime import date

import pytest

from registry.database import db
from registry.followthrough.status import refresh_statuses


@pytest.fixture
def portland(make_body, make_resolution, make_check, make_action):
    """Around ZIP 97232 (Portland, OR: 45.529, -122.644)."""
    def body(name, lat, lon, endorsing=True, checked_on=None, precision="city", acted=False):
        made = make_body(name=name, slug=name.lower().replace(" ", "-"), state="OR", city="Portland",
                         latitude=lat, longitude=lon, geocode_precision=precision)
        if endorsing:
            make_resolution(made, adopted_on=date(2019, 5, 1))
        if acted:
            make_action(made, occurred_on=date(2020, 2, 1))
        if checked_on:
            make_check(made, checked_on=checked_on, result="actions_found" if acted else "nothing_found")
        return made

    made = [
        body("Far Checked Local", 45.60, -122.70, checked_on=date(2024, 1, 5)),
        body("Near Unchecked Local", 45.53, -122.65),
        body("Recently Checked Local", 45.53, -122.64, checked_on=date(2026, 10, 1)),
        body("Old Check Local", 45.52, -122.66, checked_on=date(2025, 3, 1), acted=True),
        body("Never Endorsed Local", 45.53, -122.645, endorsing=False),
        body("Seattle Local", 47.61, -122.33),
        body("Somewhere In Oregon Local", 44.0, -120.5, precision="state"),
    ]
    refresh_statuses([b.id for b in made])
    db.session.commit()
    return made


def names(html: str) -> list[str]:
    return re.findall(r'<strong><a href="/bodies/[^"]+">([^<]+)</a></strong>', html)


def test_nearest_first_only_bodies_to_check(client, portland):
    response = client.get("/help/check?near=97232")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert names(html) == ["Near Unchecked Local", "Old Check Local", "Far Checked Local"]
    assert "3 bodies to check within 50 miles of" in html
    assert "Not yet checked" in html and "Last checked 1 March 2025" in html
    assert 'href="/submit/action?body=near-unchecked-local"' in html
    assert 'href="/submit/action?body=near-unchecked-local&amp;report=check"' in html
    assert "I know what happened" in html and "I looked: nothing" in html


def test_a_city_and_state_works_too(client, portland):
    html = client.get("/help/check?near=Portland, OR").get_data(as_text=True)
    assert "Near Unchecked Local" in names(html)


@pytest.mark.parametrize("near,words", [
    ("00000", "Near: "),
    ("Nowhereville, ZZ", "Near: "),
    ("x" * 101, "Near: give a ZIP code or a city and state, at most 100 characters."),
])
def test_a_place_it_cannot_find_is_named(client, portland, near, words):
    response = client.get("/help/check", query_string={"near": near})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert words in html and 'aria-invalid="true"' in html and names(html) == []


def test_without_a_place_the_form_alone(client):
    response = client.get("/help/check")
    assert response.status_code == 200 and 'name="near"' in response.get_data(as_text=True)


def test_nothing_to_check_says_so(client, make_body):
    html = client.get("/help/check?near=97232").get_data(as_text=True)
    assert "0 bodies to check" in html and "has been checked in the last six months" in html


@pytest.mark.parametrize("path", ["/", "/about/coverage", "/organize"])
def test_linked_from_home_coverage_and_organize(client, path):
    assert 'href="/help/check' in client.get(path).get_data(as_text=True)
