"""The district pages, and the district beside each body on its page, in /organize and in the
call list."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from registry.database import db
from registry.districts.placement import assign_districts


@pytest.fixture
def placed(districts, make_body, make_resolution, make_action):
    """Bodies in OH-3 (Beatty, no HR 3069), one that may be in OR-1 or OR-3, one in OR-3 by its
    exact position, and one placed only by state."""
    columbus = make_body(name="Columbus Nurses <Local 1>", slug="columbus-nurses", state="OH",
                         city="Columbus", zip="43201", latitude=39.99, longitude=-83.0,
                         geocode_precision="zip")
    make_resolution(columbus)
    make_action(columbus, "rally_or_march", occurred_on=date(2020, 2, 1))
    paper = make_body(name="Columbus Paper Local", slug="columbus-paper", state="OH", city="Columbus",
                      zip="43201", latitude=39.99, longitude=-83.0, geocode_precision="zip")
    make_resolution(paper)
    lloyd = make_body(name="Lloyd District Local", slug="lloyd-local", state="OR", city="Portland",
                      zip="97232", latitude=45.5287, longitude=-122.6363, geocode_precision="zip")
    make_resolution(lloyd)
    exact = make_body(name="Irvington Hall", slug="irvington-hall", state="OR", city="Portland",
                      zip="97232", latitude=45.5441, longitude=-122.6423, geocode_precision="exact")
    somewhere = make_body(name="Somewhere in Oregon", slug="oregon-somewhere", state="OR", city=None,
                          latitude=44.0, longitude=-120.5, geocode_precision="state")
    assign_districts([b.id for b in (columbus, paper, lloyd, exact, somewhere)])
    db.session.commit()


def text_of(response) -> str:
    """The page's HTML with runs of white space made single spaces."""
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_district_page_shows_representative_record_and_bodies(client, placed):
    html = text_of(client.get("/districts/OR-3"))
    assert "Maxine Dexter" in html and "In this seat since 3 January 2025." in html
    assert "Maxine Dexter cosponsored HR 3069 on 29 April 2025 (an original cosponsor)." in html
    assert html.count("Not a member of the House then") == 4
    assert html.count("Earl Blumenauer (D): cosponsored") == 4
    assert "Irvington Hall" in html  # placed in OR-3 by its exact position
    assert "Lloyd District Local" in html and "one of OR-1, OR-3" in html  # may be in OR-3


def test_oh_3_is_a_pressure_point(client, placed):
    html = text_of(client.get("/districts/OH-3"))
    assert "Joyce Beatty has not cosponsored HR 3069." in html
    assert "Pressure point" in html
    assert "Columbus Nurses &lt;Local 1&gt;" in html and "<Local 1>" not in html
    listing = text_of(client.get("/districts"))
    pressure = listing[listing.index('id="pressure-heading"'):listing.index("</ol>")]
    assert pressure.index("OH-3") < len(pressure)
    assert "2 endorsing union bodies in the district" in pressure and "1 mobilized" in pressure
    assert "OR-3" not in pressure  # Dexter cosponsored


def test_district_list_filters_and_sorts(client, placed):
    html = text_of(client.get("/districts?state=OR&cosponsor=false&sort=district"))
    rows = html[html.index("<tbody>"):]
    assert "OR-2" in rows and "OR-5" in rows and "OR-3" not in rows and "OH-3" not in rows
    assert client.get("/districts?state=ZZ").status_code == 400
    assert client.get("/districts?sort=nonsense").status_code == 400


def test_codes_are_read_in_any_case_and_unknown_ones_are_404(client, placed):
    response = client.get("/districts/or-03")
    assert response.status_code == 301 and response.headers["Location"].endswith("/districts/OR-3")
    assert client.get("/districts/OR-77").status_code == 404
    assert client.get("/districts/nowhere").status_code == 404


def test_body_page_names_district_and_representative(client, placed):
    html = text_of(client.get("/bodies/columbus-nurses"))
    assert 'href="/districts/OH-3"' in html and "Joyce Beatty" in html
    assert "has not cosponsored HR 3069" in html
    split = text_of(client.get("/bodies/lloyd-local"))
    assert "In OR-1 or OR-3: its ZIP code spans 2 districts" in split
    assert "Suzanne Bonamici" in split and "Maxine Dexter" in split
    assert "No district: the body is placed only by state." in text_of(client.get("/bodies/oregon-somewhere"))


def test_organize_shows_districts_and_filters_to_non_cosponsors(client, placed):
    html = text_of(client.get("/organize?near=43201&radius_mi=10"))
    assert 'href="/districts/OH-3"' in html and "Rep. has not cosponsored" in html
    portland = text_of(client.get("/organize?near=97232&radius_mi=10"))
    assert "Lloyd District Local" in portland and "Irvington Hall" in portland
    assert "Rep. cosponsored" in portland  # OR-1 and OR-3 both cosponsored
    against = text_of(client.get("/organize?near=97232&radius_mi=10&cosponsor=false"))
    assert "Lloyd District Local" not in against and "Irvington Hall" not in against
    columbus = text_of(client.get("/organize?near=43201&radius_mi=10&cosponsor=false"))
    assert "Columbus Paper Local" in columbus
    assert "has not cosponsored HR 3069" in columbus


def test_call_list_has_the_district_columns(client, placed):
    response = client.get("/organize/calls.csv?near=97232&radius_mi=10")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(response.get_data(as_text=True)))}
    assert rows["Irvington Hall"]["district"] == "OR-3"
    assert rows["Irvington Hall"]["representative"] == "Maxine Dexter (D)"
    assert rows["Irvington Hall"]["cosponsored_hr_3069"] == "yes"
    assert rows["Lloyd District Local"]["district"] == "OR-1 or OR-3"
    assert rows["Lloyd District Local"]["representative"] == \
        "OR-1: Suzanne Bonamici (D); OR-3: Maxine Dexter (D)"
    columbus = client.get("/organize/calls.csv?near=43201&radius_mi=10").get_data(as_text=True)
    assert ",OH-3,Joyce Beatty (D),no," in columbus


@pytest.mark.parametrize(("url", "bound"), [("/districts", 4), ("/districts/OH-3", 5),
                                            ("/bodies/columbus-nurses", 12)])  # 12: its followers
def test_district_pages_run_a_bounded_number_of_queries(client, placed, queries, make_body,
                                                        make_resolution, url, bound):
    client.get(url)  # the roster is cached per district data load
    with queries() as few:
        assert client.get(url).status_code == 200
    for n in range(20):
        body = make_body(name=f"More {n}", state="OH", city="Columbus", zip="43201", latitude=39.99,
                         longitude=-83.0, geocode_precision="zip")
        make_resolution(body)
        assign_districts([body.id])
    db.session.commit()
    client.get(url)
    with queries() as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few) <= bound, (len(few), len(many))


def test_pages_say_when_districts_are_not_loaded(client):
    assert "District data is not loaded yet" in text_of(client.get("/districts"))
    assert client.get("/districts/OR-3").status_code == 404


def test_exports_carry_the_district_columns(client, placed):
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(
        client.get("/data/bodies.csv").get_data(as_text=True)))}
    nurses = rows["columbus-nurses"]
    assert (nurses["district"], nurses["district_candidates"], nurses["district_congress"]) == \
        ("OH-3", "OH-3", "119")
    assert nurses["district_cosponsored_hr_3069"] == "false"
    lloyd = rows["lloyd-local"]
    assert lloyd["district"] == "" and sorted(lloyd["district_candidates"].split()) == ["OR-1", "OR-3"]
    assert lloyd["district_cosponsored_hr_3069"] == ""
    assert rows["irvington-hall"]["district_cosponsored_hr_3069"] == "true"
    assert rows["oregon-somewhere"]["district_candidates"] == ""
    data = text_of(client.get("/data"))
    assert 'id="districts"' in data and "ZIP Code Tabulation Areas" in data
    assert "district_candidates" in data  # in the data dictionary


def test_the_shared_body_filter_selects_by_cosponsorship(client, placed):
    """/bodies, the map and the API read `cosponsor` alike: bodies in (or possibly in) a district
    whose representative has (not) cosponsored HR 3069."""
    against = client.get("/api/v1/bodies?cosponsor=false").get_json()["items"]
    assert {b["slug"] for b in against} == {"columbus-nurses", "columbus-paper"}
    backing = client.get("/api/v1/bodies?cosponsor=true").get_json()["items"]
    assert {b["slug"] for b in backing} == {"lloyd-local", "irvington-hall"}
    assert "Columbus Paper Local" in text_of(client.get("/bodies?cosponsor=false"))
    assert 'id="f-cosponsor"' in text_of(client.get("/map?cosponsor=false"))
