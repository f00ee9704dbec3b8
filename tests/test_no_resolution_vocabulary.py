"""One vocabulary for bodies without a resolution: "No resolution on record", and no tier, in the
downloads, the API, the organizer's list and call list and the map's filter; never "paper only"."""

from __future__ import annotations

import csv
import io
import json

import pytest


@pytest.fixture
def opponent(make_body, make_action):
    """A body with no resolution whose only action is a counter-action (it counts on no rung)."""
    body = make_body(name="Opposing Council", slug="opposing-council", latitude=39.9671,
                     longitude=-83.0044, geocode_precision="zip", zip="43215")
    make_action(body, kind="opposed_bill", scope="state_bill")
    return body


def test_downloads_give_no_tier_to_a_body_without_a_resolution(client, opponent):
    [row] = csv.DictReader(io.StringIO(client.get("/bodies.csv").get_data(as_text=True)))
    assert (row["standing"], row["tier"]) == ("no_resolution", "")
    assert row["tier_name"] == "No resolution on record"
    [feature] = json.loads(client.get("/bodies.geojson").get_data(as_text=True))["features"]
    assert feature["properties"]["tier"] is None
    assert "Paper only" not in client.get("/bodies.json").get_data(as_text=True)


def test_the_api_agrees(client, opponent):
    item = client.get("/api/v1/bodies/opposing-council").get_json()
    assert (item["standing"], item["tier"], item["tier_name"]) == ("no_resolution", None,
                                                                    "No resolution on record")


def test_the_organizer_and_call_list_agree(client, opponent):
    args = {"near": "43215", "radius_mi": "25"}
    page = client.get("/organize", query_string=args).get_data(as_text=True)
    assert "No resolution of support on record" in page
    assert "tier 0, paper only" not in page
    calls = list(csv.DictReader(io.StringIO(
        client.get("/organize/calls.csv", query_string=args).get_data(as_text=True))))
    [row] = [r for r in calls if r["name"] == "Opposing Council"]
    assert (row["tier"], row["tier_name"]) == ("", "No resolution on record")
    assert "paper only" not in row["why"].lower() and "tier 0" not in row["why"]


def test_the_lists_use_the_same_words(client, opponent):
    assert '<option value="false">No resolution on record</option>' in \
        client.get("/map").get_data(as_text=True)
    assert "No resolution on record" in client.get("/bodies").get_data(as_text=True)
