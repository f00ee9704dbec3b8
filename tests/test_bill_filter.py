"""The `bill` filter: one bill's endorsers (not its whole family), meaning the same on the list,
the map, the downloads and the API; /bills counts open each bill's own endorsers."""

from __future__ import annotations

import csv
import io
import re

import pytest


@pytest.fixture
def two_bills(make_bill, make_body, make_resolution):
    """HR 676 with two endorsers, HR 1384 (same family) with one, and an opponent of HR 1384."""
    first = make_bill(code="HR 676", slug="hr-676", congress=108)
    second = make_bill(code="HR 1384", slug="hr-1384", congress=116, predecessor_id=first.id)
    for name in ("Akron Nurses", "Boston Teachers"):
        make_resolution(make_body(name=name, slug=name.lower().replace(" ", "-"),
                                  latitude=40.0, longitude=-83.0), bill_id=first.id)
    make_resolution(make_body(name="Canton Carpenters", slug="canton-carpenters",
                              latitude=40.8, longitude=-81.4), bill_id=second.id)
    make_resolution(make_body(name="Dayton Opponents", slug="dayton-opponents"),
                    bill_id=second.id, stance="oppose")
    return first, second


def names_on(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/bodies/[^"]+">([^<]+)</a>', page)


@pytest.mark.parametrize("spelling", ["HR 676", "hr676", "hr-676", "H.R. 676"])
def test_the_list_shows_one_bills_endorsers_in_any_spelling(client, two_bills, spelling):
    page = client.get("/bodies", query_string={"bill": spelling}).get_data(as_text=True)
    assert names_on(page) == ["Akron Nurses", "Boston Teachers"]
    assert "HR 676 (108th Congress)" in page and "show every bill" in page


def test_a_bill_keeps_only_supporters_and_not_its_family(client, two_bills):
    """HR 1384's endorsers are its supporters only: not HR 676's, not the body opposing it."""
    page = client.get("/bodies?bill=hr-1384").get_data(as_text=True)
    assert names_on(page) == ["Canton Carpenters"]
    family = client.get("/bodies?bill_family=us-house-medicare-for-all").get_data(as_text=True)
    assert len(names_on(family)) == 3


def test_bills_page_counts_link_to_each_bills_own_endorsers(client, two_bills):
    page = client.get("/bills").get_data(as_text=True)
    links = dict(re.findall(r'<a href="(/bodies\?bill=[^"]+)">(\d+)</a>', page))
    assert links == {"/bodies?bill=hr-676": "2", "/bodies?bill=hr-1384": "1"}
    for href, count in links.items():
        assert len(names_on(client.get(href).get_data(as_text=True))) == int(count)


def test_downloads_api_and_map_agree_with_the_list(client, two_bills):
    rows = list(csv.DictReader(io.StringIO(client.get("/bodies.csv?bill=HR+676").get_data(as_text=True))))
    assert sorted(row["name"] for row in rows) == ["Akron Nurses", "Boston Teachers"]
    api = client.get("/api/v1/bodies?bill=HR 1384").get_json()
    assert [item["slug"] for item in api["items"]] == ["canton-carpenters"]
    points = client.get("/api/v1/geo/bodies?bill=hr-676").get_json()
    assert sorted(f["properties"]["slug"] for f in points["features"]) == ["akron-nurses", "boston-teachers"]
    states = client.get("/api/v1/geo/states?bill=hr-1384&shapes=false").get_json()
    ohio = next(f for f in states["features"] if f["id"] == "OH")
    assert ohio["properties"]["endorsing"] == 1
    map_page = client.get("/map?bill=HR+1384").get_data(as_text=True)
    assert '<option value="HR 1384" selected>HR 1384 (116th Congress)</option>' in map_page
    assert "Canton Carpenters" in map_page and "Akron Nurses" not in map_page


def test_an_unknown_bill_matches_nothing_and_a_bad_one_names_the_field(client, two_bills):
    assert names_on(client.get("/bodies?bill=HR+9").get_data(as_text=True)) == []
    response = client.get("/api/v1/bodies?bill=" + "x" * 500)
    assert response.status_code in (400, 422) and "bill" in response.get_data(as_text=True)


def test_the_api_documents_the_filter(client):
    spec = client.get("/api/openapi.json").get_json()
    parameters = spec["paths"]["/api/v1/bodies"]["get"]["parameters"]
    assert any(p["name"] == "bill" for p in parameters)
    assert "bill=HR 1384" in client.get("/data").get_data(as_text=True)
