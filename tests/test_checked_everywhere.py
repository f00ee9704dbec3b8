""""Not yet checked" is never "paper only": in the lists, exports, API, map data, feed and the
coverage page, with the same counts everywhere."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date

import pytest

from registry.coverage import services as coverage


@pytest.fixture
def three(make_body, make_resolution, make_action, make_check, make_bill):
    """One endorsing body of each kind: not yet checked, paper only (checked), mobilized."""
    hr676 = make_bill(code="HR 676", slug="hr-676")
    unchecked = make_body(name="Unchecked Local", slug="unchecked", level="state_federation",
                          latitude=40.0, longitude=-83.0, geocode_precision="city")
    make_resolution(unchecked, bill_id=hr676.id)
    paper = make_body(name="Paper Local", slug="paper", level="state_federation",
                      latitude=40.1, longitude=-83.0, geocode_precision="city")
    make_resolution(paper, bill_id=hr676.id)
    make_check(paper, checked_on=date(2026, 11, 12))
    marching = make_body(name="Marching Local", slug="marching", level="national_union",
                         latitude=40.2, longitude=-83.0, geocode_precision="city")
    make_resolution(marching, bill_id=hr676.id)
    make_action(marching, "rally_or_march")
    allied = make_body(name="Allied Coalition", slug="allied", level="other",
                       organization_type="allied")
    make_resolution(allied, bill_id=hr676.id)


def test_list_and_filter(client, three):
    page = client.get("/bodies").get_data(as_text=True)
    row = page.split('href="/bodies/unchecked"')[1].split("</tr>")[0]
    assert "Not yet checked" in row and "Paper only" not in row
    assert "Tier 0 · Paper only" in page.split('href="/bodies/paper"')[1].split("</tr>")[0]
    unchecked_only = client.get("/bodies?checked=false&endorsing=true").get_data(as_text=True)
    assert re.findall(r'<th scope="row"><a href="/bodies/([^"]+)"', unchecked_only) == ["allied",
                                                                                      "unchecked"]


def test_export_and_api_say_the_same(client, three):
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(
        client.get("/bodies.csv").get_data(as_text=True)))}
    assert (rows["unchecked"]["standing"], rows["unchecked"]["tier_name"]) == ("not_checked",
                                                                              "Not yet checked")
    assert (rows["paper"]["standing"], rows["paper"]["tier_name"], rows["paper"]["last_checked_on"]) \
        == ("tier_0", "Paper only", "2026-11-12")
    assert rows["allied"]["organization_type"] == "allied"
    api = {b["slug"]: b for b in client.get("/api/v1/bodies").get_json()["items"]}
    assert api["unchecked"]["standing"] == "not_checked" and api["paper"]["standing"] == "tier_0"
    assert [b["slug"] for b in client.get("/api/v1/bodies?checked=true").get_json()["items"]] == [
        "marching", "paper"]
    detail = client.get("/api/v1/bodies/paper").get_json()
    assert detail["checks"][0]["checked_on"] == "2026-11-12"
    assert detail["checks"][0]["searched"] == ["https://example.org/minutes",
                                               "The local's newsletter archive, 2019-2026"]
    gap = client.get("/api/v1/stats/gap").get_json()["overall"]
    assert (gap["endorsing"], gap["checked"], gap["unchecked"], gap["paper_only"],
            gap["mobilized"]) == (3, 2, 1, 1, 1)
    assert gap["gap_among_checked"] == pytest.approx(0.5)
    allied = client.get("/api/v1/stats/gap?organization_type=allied").get_json()["overall"]
    assert allied["endorsing"] == 1


def test_map_points_and_states_carry_the_split(client, three):
    features = client.get("/api/v1/geo/bodies?bbox=-90,35,-80,45&zoom=6").get_json()["features"]
    checked = {f["properties"]["slug"]: f["properties"]["checked"] for f in features}
    assert checked == {"unchecked": False, "paper": True, "marching": True}
    states = client.get("/api/v1/geo/states?shapes=false").get_json()["features"]
    ohio = next(f["properties"] for f in states if f["id"] == "OH")
    assert (ohio["endorsing"], ohio["checked"], ohio["unchecked"]) == (3, 2, 1)
    assert "Not yet checked: endorsed, follow-through not looked at yet" in \
        client.get("/map").get_data(as_text=True)


def test_feed_carries_checks_and_standing(client, three):
    feed = html.unescape(client.get("/feeds/published.atom").get_data(as_text=True))
    assert "Paper Local: follow-through checked" in feed
    assert "Checked 12 November 2026 by a registry researcher: no follow-through found." in feed
    assert "the body's follow-through: not yet checked." in feed


def test_coverage_page_sets_the_registry_beside_the_campaigns(client, three):
    """The campaigns' counts come from seeds/coverage.csv; the registry's from the database."""
    figures = {(f.figure, tuple(f.levels)): f for f in coverage.campaign_figures()}
    federations = next(f for (name, levels), f in figures.items() if levels == ("state_federation",))
    assert federations.value == 44 and (federations.held.bodies, federations.held.checked) == (2, 1)
    page = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", client.get("/about/coverage")
                                          .get_data(as_text=True))).split())
    assert "The registry holds 3 endorsing union bodies; 2 (67%) have been checked, 1 not yet." in page
    assert "44 2 5% 1 50%" in page  # state AFL-CIOs: their count, held, share held, checked, share
    assert "https://healthoverprofit.org/organizing-with-labor/" in page
    for item in coverage.harvested_lists():
        assert item["list"] in page


def test_coverage_is_linked(client):
    for path in ("/", "/about"):
        assert 'href="/about/coverage"' in client.get(path).get_data(as_text=True)
