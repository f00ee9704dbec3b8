"""The organizer finder in real Chromium: the search journey, the map, no-JavaScript use,
the printout, and axe."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations


@pytest.fixture
def ohio(make_body, make_resolution, make_action):
    national = make_body(name="United Workers", slug="united-workers", level="national_union",
                         affiliation="UW", state="DC", latitude=38.9, longitude=-77.0,
                         geocode_precision="city", city="Washington")
    paper = make_body(name="UW Local 1", slug="uw-local-1", affiliation="UW", parent_id=national.id,
                      latitude=39.9671, longitude=-83.0044, geocode_precision="zip", zip="43215",
                      public_contact="(555) 555-0100")
    make_resolution(paper, adopted_on=date(2026, 3, 1))
    marching = make_body(name="Dayton Teachers", slug="dayton-teachers", affiliation="AFT",
                         latitude=39.7589, longitude=-84.1916, geocode_precision="city", city="Dayton")
    make_resolution(marching, adopted_on=date(2025, 1, 1))
    make_action(marching, "rally_or_march", occurred_on=date(2026, 5, 1))
    make_body(name="Somewhere in Ohio Local", slug="ohio-somewhere", latitude=40.38, longitude=-82.75,
              geocode_precision="state", city=None)


def test_search_journey_with_map(watched_page, live_server, ohio):
    """An organizer searches near a city, filters to endorsers nobody has checked yet, sees them
    on the map, and gets a CSV link for exactly that search."""
    page = watched_page
    page.goto(live_server + "/")
    page.get_by_role("link", name="Organize").click()
    page.get_by_label("Near (ZIP code or city, state)").fill("columbus ohio")
    page.get_by_label("Radius in miles").fill("100")
    page.get_by_role("button", name="Find bodies").click()
    assert "near=columbus+ohio" in page.url and "radius_mi=100" in page.url
    expect(page.locator("tr.result")).to_have_count(2)
    expect(page.locator("#organize-map .leaflet-interactive")).to_have_count(3)  # two bodies, the centre
    page.get_by_label("Endorsed, follow-through not yet checked").check()
    page.get_by_role("button", name="Find bodies").click()
    assert "prospect=not_checked" in page.url
    expect(page.locator("tr.result")).to_have_count(1)
    assert page.locator("tr.result").all_inner_texts()[0].startswith("2.1")
    csv_link = page.get_by_role("link", name="Download this call list (CSV)")
    assert "prospect=not_checked" in csv_link.get_attribute("href")
    assert page.console_errors == [] and page.foreign_requests == []


def test_page_works_without_javascript(browser, live_server, ohio):
    """The list, the state-only section and the CSV link need no script; the map says so."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/organize?near=43215&radius_mi=100")
    assert page.locator("tr.result").count() == 2
    assert "Somewhere in Ohio" in page.inner_text("main")
    assert page.locator(".map-fallback").is_visible()
    assert page.get_by_role("link", name="Download this call list (CSV)").is_visible()
    context.close()


def test_printout_is_just_the_list(watched_page, live_server, ohio):
    page = watched_page
    page.goto(live_server + "/organize?near=43215&radius_mi=100")
    page.emulate_media(media="print")
    assert not page.locator("form.organize-form").is_visible()
    assert not page.locator("#organize-map").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator("table.call-list").is_visible()
    assert page.locator(".print-only").is_visible()


@pytest.mark.parametrize("path", [
    "/organize", "/organize?near=43215&radius_mi=100", "/organize?near=Clevland,+OH",
    "/organize?near=43215&radius_mi=abc", "/organize?near=43215&radius_mi=2&prospect=mobilized",
])
def test_organize_pages_pass_axe(watched_page, live_server, ohio, path):
    response = watched_page.goto(live_server + path)
    assert axe_violations(watched_page) == []
    # Chromium logs the page's own 400 (bad input) as a console error; nothing else may fail.
    own_status = f"status of {response.status}"
    assert [e for e in watched_page.console_errors if own_status not in e] == []
