"""The congressional co-view in real Chromium: from the organizer finder to a body, to its
district, to the pressure points; axe and no sideways scrolling at 390 px."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from registry.database import db
from registry.districts.placement import assign_districts
from tests.browser.helpers import axe_violations


@pytest.fixture
def portland_and_columbus(districts, make_body, make_resolution, make_action):
    irvington = make_body(name="Irvington Teachers Local", slug="irvington-teachers", state="OR",
                          city="Portland", zip="97232", latitude=45.5441, longitude=-122.6423,
                          geocode_precision="exact", public_contact="(555) 555-0142")
    make_resolution(irvington, adopted_on=date(2025, 5, 1))
    lloyd = make_body(name="Lloyd District Local", slug="lloyd-local", state="OR", city="Portland",
                      zip="97232", latitude=45.5287, longitude=-122.6363, geocode_precision="zip")
    make_resolution(lloyd)
    columbus = make_body(name="Columbus Nurses Local", slug="columbus-nurses", state="OH",
                         city="Columbus", zip="43201", latitude=39.99, longitude=-83.0,
                         geocode_precision="zip")
    make_resolution(columbus)
    make_action(columbus, "rally_or_march", occurred_on=date(2020, 2, 1))
    assign_districts([irvington.id, lloyd.id, columbus.id])
    db.session.commit()


def test_from_organize_to_a_body_to_its_district_to_the_pressure_points(watched_page, live_server,
                                                                         portland_and_columbus):
    page = watched_page
    page.goto(live_server + "/organize?near=97232")
    row = page.locator("tr.result", has_text="Irvington Teachers Local")
    expect(row.locator("td.district")).to_contain_text("OR-3")
    expect(row.locator("td.district")).to_contain_text("Rep. cosponsored")
    expect(page.locator("tr.result", has_text="Lloyd District Local").locator("td.district")) \
        .to_contain_text("OR-1 or OR-3")
    row.get_by_role("link", name="Irvington Teachers Local").click()
    page.wait_for_url("**/bodies/irvington-teachers")
    district = page.locator("section.body-district")
    expect(district).to_contain_text("Maxine Dexter")
    expect(district).to_contain_text("cosponsored HR 3069")
    district.get_by_role("link", name="OR-3").first.click()
    page.wait_for_url("**/districts/OR-3")
    expect(page.get_by_role("heading", level=1)).to_contain_text("OR-3")
    expect(page.locator("section.representative")).to_contain_text("29 April 2025")
    expect(page.locator("table.cosponsor-table").last).to_contain_text("Earl Blumenauer")
    page.get_by_role("link", name="Pressure points across the country").click()
    page.wait_for_url("**/districts#pressure-heading")
    points = page.locator("ol.pressure-list li")
    expect(points.first).to_contain_text("OH-3")
    expect(points.first).to_contain_text("Joyce Beatty")
    points.first.get_by_role("link", name="OH-3").click()
    page.wait_for_url("**/districts/OH-3")
    expect(page.locator("section.representative")).to_contain_text("has not cosponsored HR 3069")
    assert page.console_errors == [] and page.foreign_requests == []


@pytest.mark.parametrize("path", ["/districts", "/districts/OR-3", "/districts/OH-3",
                                  "/bodies/lloyd-local", "/organize?near=97232",
                                  "/organize?near=97232&cosponsor=false"])
def test_district_views_pass_axe_and_fit_390_px(browser, live_server, portland_and_columbus, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    assert axe_violations(page) == [], path
    context.close()
