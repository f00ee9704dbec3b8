"""/organize and its CSV call list through HTTP: bad input is explained, never a 500; the CSV
holds exactly the listed bodies; the page's state lives in the URL."""

from __future__ import annotations

import csv
import io
import re
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.geo import lookup
from registry.organize.services import nearby

COLUMBUS = lookup("Columbus, OH").place


@pytest.fixture
def columbus(make_body, make_resolution):
    national = make_body(name="United Workers", slug="united-workers", level="national_union",
                         affiliation="UW", state="DC")
    near = make_body(name="UW Local 1", slug="uw-local-1", affiliation="UW", parent_id=national.id,
                     latitude=39.9671, longitude=-83.0044, geocode_precision="zip", zip="43215",
                     public_contact="=HYPERLINK(evil)", website="https://example.org/uw1")
    make_resolution(near)
    make_body(name="Dayton Teachers", slug="dayton-teachers", affiliation="AFT",
              latitude=39.7589, longitude=-84.1916, geocode_precision="city", city="Dayton")
    make_body(name="Somewhere in Ohio Local", slug="ohio-somewhere", latitude=40.38, longitude=-82.75,
              geocode_precision="state", city=None)
    return near


def field_error(html: str, field: str) -> str | None:
    match = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', html)
    return match.group(1) if match else None


def test_blank_page_is_just_the_form(client):
    response = client.get("/organize")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="near"' in html and 'class="field-error"' not in html and "call-list" not in html


@pytest.mark.parametrize("radius", ["abc", "nan", "inf", "-5", "0", "0.5", "600", "1e9", "3O"])
def test_bad_radius_gets_a_message_next_to_the_field(client, radius):
    response = client.get("/organize", query_string={"near": "43215", "radius_mi": radius})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert field_error(html, "radius_mi") == "Enter the radius as a number of miles from 1 to 500."
    assert 'aria-describedby="radius-hint radius_mi-error"' in html


@pytest.mark.parametrize("args,field,message", [
    ({"near": "", "radius_mi": "30"}, "near", "Enter a ZIP code"),
    ({"near": "x" * 101}, "near", "under 100 characters"),
    ({"near": "43215", "prospect": "everyone"}, "prospect", "not a valid choice"),
    ({"near": "43215", "level": "galaxy"}, "level", "Not a valid choice"),
    ({"near": "43215", "affiliation": "NOPE"}, "affiliation", "Not a valid choice"),
])
def test_invalid_fields_are_named(client, columbus, args, field, message):
    response = client.get("/organize", query_string=args)
    assert response.status_code == 400
    assert message in field_error(response.get_data(as_text=True), field)


@pytest.mark.parametrize("near,problem,suggestion", [
    ("99999", "No ZIP code 99999", "99950"),
    ("Clevland, OH", "No place called “Clevland” in Ohio", "Cleveland, OH"),
    ("Kansas City", "in 2 states", "Kansas City, MO"),
    ("Ohio", "is a whole state", None),
    ("Columbus, Ohi", "is not a US state", "Columbus, OH"),
    ("<script>alert(1)</script>", "No place called", None),
    ("Zürich", "No place called", None),
])
def test_unknown_places_get_suggestions(client, near, problem, suggestion):
    response = client.get("/organize", query_string={"near": near})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert problem in html
    assert "<script>alert" not in html
    if suggestion:
        links = re.findall(r'<ul class="suggestions">(.*?)</ul>', html, re.S)[0]
        assert suggestion in links and "near=" in links


def test_results_show_distance_tier_reason_contact_and_parent(client, columbus):
    response = client.get("/organize", query_string={"near": "Columbus, OH", "radius_mi": "100"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 union bodies within 100 miles of Columbus, OH" in html
    assert re.findall(r'data-slug="([^"]+)"', html) == ["uw-local-1", "dayton-teachers"]
    row = html[html.index('data-slug="uw-local-1"'):html.index('data-slug="dayton-teachers"')]
    assert "Not yet checked" in row and "Tier 0" not in row
    assert "Endorsed in 2019; follow-through not yet checked: ask what they did" in row
    assert "Local union · UW · Columbus, OH" in row and "https://example.org/uw1" in row
    assert "United Workers" in row and "Its parent body on record" in row
    assert "Last activity: 1 May 2019" in row
    assert "Somewhere in Ohio: 1 body" in html and "Somewhere in Ohio Local" in html


def test_the_url_holds_the_whole_search(client, columbus):
    """Every choice comes back filled in, and the CSV link carries the same arguments."""
    args = "near=43215&radius_mi=12.5&prospect=never_acted&prospect=mobilized&level=local&affiliation=UW"
    html = client.get(f"/organize?{args}").get_data(as_text=True)
    assert 'value="43215"' in html and 'value="12.5"' in html
    assert 'value="never_acted" checked' in html and 'value="mobilized" checked' in html
    assert 'value="dormant" checked' not in html
    assert '<option value="local" selected>' in html and '<option value="UW" selected>' in html
    link = re.search(r'href="(/organize/calls\.csv\?[^"]+)"', html).group(1).replace("&amp;", "&")
    assert sorted(link.split("?")[1].split("&")) == sorted(args.split("&"))


def test_csv_is_exactly_the_listed_bodies(client, columbus):
    query = {"near": "Columbus, OH", "radius_mi": "100"}
    response = client.get("/organize/calls.csv", query_string=query)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="call-list-columbus-oh-100mi.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    result = nearby(COLUMBUS, 100)
    expected = [(i.body.name, f"{i.distance_mi:.1f}") for i in result.items] + [
        (i.body.name, "") for g in result.state_groups for i in g.items]
    assert [(r["name"], r["distance_mi"]) for r in rows] == expected
    page = client.get("/organize", query_string=query).get_data(as_text=True)
    assert [r["profile_url"].rsplit("/", 1)[1] for r in rows if r["distance_mi"]] == re.findall(
        r'data-slug="([^"]+)"', page)
    assert rows[0]["ask_up"] == "United Workers" and rows[0]["tier_name"] == "Not yet checked"
    assert rows[0]["public_contact"] == "'=HYPERLINK(evil)"  # never a live spreadsheet formula
    assert rows[2]["location"].startswith("somewhere in Ohio")


def test_csv_without_a_valid_search_is_a_400_that_says_why(client):
    response = client.get("/organize/calls.csv", query_string={"near": "43215", "radius_mi": "x"})
    assert response.status_code == 400
    assert "Radius in miles: Enter the radius" in response.get_data(as_text=True)
    assert client.get("/organize/calls.csv").status_code == 400


def test_empty_result_offers_wider_searches(client, columbus):
    html = client.get("/organize", query_string={"near": "43215", "radius_mi": "5",
                                                 "prospect": "mobilized"}).get_data(as_text=True)
    assert "No union body matches within 5 miles of 43215 (Columbus, OH)" in html
    assert "Any kind of body (no prospect filter)</a> — 1 body" in html
    assert "A radius of 50 miles</a> — 0 bodies" in html


def test_query_count_does_not_grow_with_results(client, make_body, queries):
    for n in range(3):
        make_body(name=f"Small {n}", latitude=39.96, longitude=-83.0, geocode_precision="city")
    with queries() as few:
        client.get("/organize?near=43215&radius_mi=50")
    for n in range(40):
        make_body(name=f"More {n}", latitude=39.96 + n / 1000, longitude=-83.0, geocode_precision="city",
                  parent_id=None)
    with queries() as many:
        client.get("/organize?near=43215&radius_mi=50")
    assert len(many) == len(few) <= 10


def test_page_works_when_the_online_geocoder_is_unreachable(make_app, columbus):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    application = make_app(GEOCODER="nominatim", NOMINATIM_USER_AGENT="registry-tests",
                           NOMINATIM_DOMAIN=f"127.0.0.1:{port}", NOMINATIM_SCHEME="http")
    response = application.test_client().get("/organize?near=Columbus,+OH&radius_mi=100")
    assert response.status_code == 200
    assert "2 union bodies within 100 miles of Columbus, OH" in response.get_data(as_text=True)


def test_tile_server_is_allowed_only_when_configured(client, make_app, columbus):
    assert "tile.example.org" not in client.get("/organize").headers["Content-Security-Policy"]
    application = make_app(MAP_TILE_URL="https://{s}.tile.example.org/{z}/{x}/{y}.png")
    response = application.test_client().get("/organize?near=43215")
    assert "img-src 'self' data: https://*.tile.example.org" in response.headers["Content-Security-Policy"]
    assert 'data-tile-url="https://{s}.tile.example.org/{z}/{x}/{y}.png"' in response.get_data(as_text=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(near=st.text(max_size=40), radius=st.text(max_size=8), prospect=st.text(max_size=12))
def test_no_input_produces_a_500(client, near, radius, prospect):
    """Whatever the query string holds, the page and the CSV answer 200 or 400."""
    query = {"near": near, "radius_mi": radius, "prospect": prospect}
    for path in ("/organize", "/organize/calls.csv"):
        assert client.get(path, query_string=query).status_code in (200, 400)
