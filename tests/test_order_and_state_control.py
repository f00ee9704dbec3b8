"""Home lists resolutions by adoption date; /bodies, /map and /gap share one state control, by
state name; under a tier filter /map says what its colours can and cannot mean."""

from __future__ import annotations

import re
from datetime import date

import pytest


def test_home_lists_the_latest_adopted_first(client, make_body, make_resolution):
    for name, adopted in (("Zeta Local", date(2008, 3, 1)), ("Alpha Local", date(2024, 6, 1)),
                          ("Mid Local", date(2019, 1, 1))):
        make_resolution(make_body(name=name), adopted_on=adopted)
    page = client.get("/").get_data(as_text=True)
    section = page[page.index("Latest resolutions on record"):]
    order = re.findall(r"(Zeta Local|Alpha Local|Mid Local)", section)[:3]
    assert order == ["Alpha Local", "Mid Local", "Zeta Local"]


@pytest.mark.parametrize("url, field_id", [("/bodies", "state"), ("/map", "f-state"), ("/gap", "state")])
def test_one_state_control_ordered_by_name(client, url, field_id):
    page = client.get(url + "?state=or").get_data(as_text=True)
    control = page[page.index(f'<select id="{field_id}" name="state"'):]
    control = control[:control.index("</select>")]
    names = re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]+)</option>', control)
    assert names[:3] == ["Alabama", "Alaska", "American Samoa"] or names[:2] == ["Alabama", "Alaska"]
    assert names == sorted(names)
    assert '<option value="OR" selected>Oregon</option>' in control
    assert f'<label for="{field_id}">State</label>' in page


def test_map_explains_its_colours_under_a_tier_filter(client, make_body, make_resolution, make_check):
    for n in range(3):
        body = make_body(name=f"Paper {n}", state="OH", latitude=40.0, longitude=-83.0)
        make_resolution(body)
        make_check(body)
    page = client.get("/map?tier=0").get_data(as_text=True)
    assert "Tier 0 (Paper only): 3 endorsing bodies in 1 state or territory" in page
    assert "the colours say nothing new" in page and "gap of 100%" in page
    assert "14 of 14" not in page
    fragment = client.get("/map/results?tier=3").get_data(as_text=True)
    assert "Tier 3 (Mobilizing)" in fragment and "gap of 0%" in fragment
