"""The /map page without JavaScript: filters, the table alternative, the summary, the tile setting."""

from __future__ import annotations

import re
from datetime import date

import pytest

from registry.followthrough.aggregates import GapFigures
from registry.mapview.page import gap_sentence


@pytest.fixture
def ohio_and_california(make_body, make_resolution, make_action):
    """Ohio: three endorsing bodies, one mobilized. California: one endorsing, paper only."""
    for n in range(3):
        body = make_body(name=f"Ohio Local {n}", slug=f"ohio-local-{n}", state="OH",
                         latitude=39.9 + n / 10, longitude=-83.0, geocode_precision="city")
        make_resolution(body, adopted_on=date(2018 + n, 3, 1))
        if n == 0:
            make_action(body, "rally_or_march", occurred_on=date(2019, 6, 1))
    make_resolution(make_body(name="Oakland Local", slug="oakland-local", state="CA",
                              latitude=37.8, longitude=-122.27, level="central_labor_council"),
                    adopted_on=date(2016, 1, 1))
    make_body(name="Placeless Council", slug="placeless", state=None, latitude=None, longitude=None)


def table_slugs(html: str) -> list[str]:
    return re.findall(r'<tr data-slug="([^"]+)"', html)


def test_the_page_lists_the_filtered_bodies_without_javascript(client, ohio_and_california):
    """The table alternative is rendered on the server from the same query string as the map."""
    html = client.get("/map?state=OH").get_data(as_text=True)
    assert table_slugs(html) == ["ohio-local-0", "ohio-local-1", "ohio-local-2"]
    assert "3 union bodies</strong> match these filters" in html
    assert "In Ohio, 2 of 3 endorsing bodies have no recorded mobilization." in html
    assert 'id="map"' in html and 'data-bodies-url="/api/v1/geo/bodies"' in html
    assert '<option value="OH" selected>Ohio</option>' in html


def test_every_shared_filter_is_offered_and_applied(client, ohio_and_california):
    """The map's filters are the shared BodyFilterSchema ones: they narrow the table the same way."""
    html = client.get("/map").get_data(as_text=True)
    for name in ("state", "level", "affiliation", "bill_family", "tier", "evidence", "year_from",
                 "year_to", "retreat", "dormant", "endorsing", "q"):
        assert f'name="{name}"' in html, name
        assert f'<label for="f-{name}">' in html, name
    assert table_slugs(client.get("/map?tier=3").get_data(as_text=True)) == ["ohio-local-0"]
    assert table_slugs(client.get("/map?year_from=2019&year_to=2019").get_data(as_text=True)) == [
        "ohio-local-1"]
    assert table_slugs(client.get("/map?level=central_labor_council").get_data(as_text=True)) == [
        "oakland-local"]


def test_bodies_without_a_place_are_listed_and_said_to_be_off_the_map(client, ohio_and_california):
    html = client.get("/map").get_data(as_text=True)
    assert "1 with no known place is in the table but not on the map" in html
    assert re.search(r'<tr data-slug="placeless" data-unmapped>', html)


def test_the_table_sorts_by_its_column_headings(client, ohio_and_california):
    """Each sortable heading is a link keeping the filters; the current sort is marked for screen readers."""
    html = client.get("/map?state=OH&sort=latest").get_data(as_text=True)
    assert table_slugs(html) == ["ohio-local-2", "ohio-local-0", "ohio-local-1"]
    current = r'<th scope="col" aria-sort="descending">\s*<a href="/map\?state=OH&amp;sort=latest"'
    assert re.search(current, html)
    assert 'href="/map?state=OH&amp;sort=name"' in html


def test_the_summary_covers_all_states_when_none_is_chosen(client, ohio_and_california):
    html = client.get("/map").get_data(as_text=True)
    assert ("Overall, 3 of 4 endorsing bodies have no recorded mobilization. 2 states and "
            "territories have endorsing bodies; in 1 of them, none has a recorded mobilization.") in html
    # The gap-by-state table, widest gap first.
    states = re.findall(r'data-filter-link>([^<]+)</a>', html)
    assert states == ["California", "Ohio"]


@pytest.mark.parametrize("figures, sentence", [
    (GapFigures(40, 40, 20, 9, 0, 0, 0), "In Ohio, 31 of 40 endorsing bodies have no recorded mobilization."),
    (GapFigures(1, 1, 1, 0, 0, 0, 0), "In Ohio, 1 of 1 endorsing body has no recorded mobilization."),
    (GapFigures.empty(), "In Ohio, no endorsing body matches these filters."),
])
def test_gap_sentence(figures, sentence):
    assert gap_sentence("In Ohio", figures) == sentence


def test_the_results_fragment_matches_the_page(client, ohio_and_california):
    """The fragment the script swaps in holds the same count, summary and rows as the page."""
    page = client.get("/map?state=OH&sort=latest").get_data(as_text=True)
    fragment = client.get("/map/results?state=OH&sort=latest")
    assert fragment.status_code == 200
    text = fragment.get_data(as_text=True)
    assert table_slugs(text) == table_slugs(page)
    assert 'data-part="status"' in text and "In Ohio, 2 of 3" in text
    assert "<html" not in text
    # Links in the fragment point at the page, not at the fragment.
    assert "/map/results?" not in text


def test_bad_filters_are_named_and_nothing_breaks(client, ohio_and_california):
    response = client.get("/map?tier=9&year_from=2020&year_to=2010")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'aria-invalid="true" aria-describedby="tier-error"' in html
    assert 'id="tier-error"' in html
    assert client.get("/map/results?tier=9").status_code == 400


def test_the_page_runs_a_bounded_number_of_queries(client, make_body, make_resolution, queries):
    """Filter choices, the table page, the per-state gap and the unplaced count: a fixed number,
    and on a repeat only the data version and the table page (the figures and the table's count
    are cached)."""
    for n in range(30):
        make_resolution(make_body(state="OH" if n % 2 else "CA", latitude=40.0, longitude=-83.0))
    with queries() as statements:
        assert client.get("/map").status_code == 200
    assert len(statements) <= 9
    with queries() as statements:
        assert client.get("/map").status_code == 200
    assert len(statements) == 2


def test_no_tiles_by_default_and_the_policy_admits_a_configured_tile_server(client, make_app):
    html = client.get("/map").get_data(as_text=True)
    assert "data-tile-url" not in html
    assert "img-src 'self' data:;" in client.get("/map").headers["Content-Security-Policy"]
    tiled = make_app(MAP_TILE_URL="https://{s}.tile.example.org/{z}/{x}/{y}.png",
                     MAP_TILE_ATTRIBUTION="© Example contributors").test_client()
    response = tiled.get("/map")
    assert 'data-tile-url="https://{s}.tile.example.org/{z}/{x}/{y}.png"' in response.get_data(as_text=True)
    assert "img-src 'self' data: https://*.tile.example.org;" in response.headers["Content-Security-Policy"]


def test_the_navigation_links_to_the_map(client):
    assert '<a href="/map"' in client.get("/").get_data(as_text=True)
