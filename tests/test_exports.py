"""Exports return exactly the rows of the current filter, all pages, streamed."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from registry.bodies.schemas import BodyListSchema
from registry.bodies.services import filtered_bodies, ordered
from registry.database import db


@pytest.fixture
def registry(make_body, make_resolution, make_action):
    bodies = []
    for n in range(12):
        body = make_body(name=f"Local {n:02d}", state="OH" if n % 3 else "CA",
                         latitude=40.0 + n / 10, longitude=-83.0 - n / 10, geocode_precision="city")
        if n % 2:
            make_resolution(body)
        if n % 4 == 1:
            make_action(body, "rally_or_march", occurred_on=date(2020, 5, 1))
        bodies.append(body)
    make_body(name="Nowhere Local", state=None, latitude=None, longitude=None)
    return bodies


def listed_ids(args: dict) -> list[int]:
    filters = BodyListSchema().load(args)
    return [b.id for b in db.session.scalars(ordered(filtered_bodies(filters), filters["sort"]))]


def csv_ids(client, query: str) -> list[int]:
    response = client.get(f"/bodies.csv?{query}")
    assert response.status_code == 200 and response.is_streamed
    return [int(row["id"]) for row in csv.DictReader(io.StringIO(response.get_data(as_text=True)))]


def json_ids(client, query: str) -> list[int]:
    data = json.loads(client.get(f"/bodies.json?{query}").get_data())
    assert data["meta"]["total"] == len(data["items"])
    return [item["id"] for item in data["items"]]


def geojson_ids(client, query: str) -> list[int]:
    response = client.get(f"/bodies.geojson?{query}")
    assert response.content_type == "application/geo+json"
    data = json.loads(response.get_data())
    assert data["type"] == "FeatureCollection"
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        if feature["geometry"] is not None:
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    return [feature["id"] for feature in data["features"]]


@pytest.mark.parametrize("query,args", [
    ("", {}),
    ("state=OH&per_page=2&page=2", {"state": "OH"}),
    ("endorsing=true&sort=tier", {"endorsing": "true", "sort": "tier"}),
    ("tier=3", {"tier": "3"}),
    ("q=local+1", {"q": "local 1"}),
])
def test_every_format_holds_exactly_the_filtered_ids(client, registry, query, args):
    """All pages of the filter, in the list's order — not just the visible page."""
    expected = listed_ids(args)
    assert expected
    assert csv_ids(client, query) == expected
    assert json_ids(client, query) == expected
    assert geojson_ids(client, query) == expected


def test_bodies_without_coordinates_keep_a_null_geometry(client, registry):
    data = json.loads(client.get("/bodies.geojson?q=nowhere").get_data())
    assert [f["geometry"] for f in data["features"]] == [None]


def test_csv_columns_and_values(client, registry):
    rows = list(csv.DictReader(io.StringIO(client.get("/bodies.csv?tier=3").get_data(as_text=True))))
    assert rows[0]["tier_name"] == "Mobilizing" and rows[0]["endorsing"] == "true"
    assert rows[0]["first_resolution_on"] == "2019-05-01"


def test_download_is_an_attachment_with_a_dated_name(client, registry):
    response = client.get("/bodies.csv")
    assert response.headers["Content-Disposition"].startswith('attachment; filename="registry-bodies-')


def test_bad_filter_is_refused_with_the_field_named(client):
    response = client.get("/bodies.csv?tier=9")
    assert response.status_code == 400 and "tier" in response.get_data(as_text=True)


def test_list_page_links_exports_with_the_same_filter(client, registry):
    page = client.get("/bodies?state=OH&tier=0").get_data(as_text=True)
    assert "/bodies.csv?state=OH&amp;tier=0" in page
