"""Contacts and the printed call list, in real Chromium: the organize map draws the state
outlines; the printout, measured as a PDF, fits the page count the README promises."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from registry.geo import lookup

COLUMBUS = lookup("Columbus, OH").place.point
ROWS_PER_PAGE = 9  # the README: "about 9 bodies to a US Letter page"


@pytest.fixture
def many_near_columbus(make_body, make_resolution):
    for n in range(36):
        body = make_body(name=f"Columbus Local {n:02d} of the United Workers of Ohio", slug=f"cbus-{n}",
                         latitude=COLUMBUS[0] + n * 0.001, longitude=COLUMBUS[1], geocode_precision="zip",
                         zip="43215", affiliation="UW", website=f"https://uw{n}.example.org",
                         public_contact=f"(614) 555-01{n:02d}")
        make_resolution(body)


def pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="Letter")))


def test_the_printed_call_list_fits_the_readme(browser, live_server, many_near_columbus):
    page = browser.new_page()
    page.goto(live_server + "/organize?near=43215&radius_mi=25")
    assert page.locator("tr.result").count() == 36
    pages = pdf_pages(page)
    print(f"36 bodies printed on {pages} Letter pages")
    assert pages <= -(-36 // ROWS_PER_PAGE), pages
    page.close()


def test_contacts_show_and_the_map_has_state_outlines(browser, live_server, many_near_columbus):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server + "/organize?near=43215&radius_mi=25")
    row = page.locator('tr.result[data-slug="cbus-3"]')
    assert "(614) 555-0103" in row.inner_text()
    assert row.get_by_role("link", name="Website").get_attribute("href") == "https://uw3.example.org"
    expect(page.locator("#organize-map")).to_have_attribute("data-outlines", "ready")
    assert page.locator("#organize-map path").count() > 50  # the states, the circle
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(live_server + "/bodies/cbus-3")
    contact = page.locator("p.contact")
    assert "uw3.example.org" in contact.inner_text() and "(614) 555-0103" in contact.inner_text()
    page.close()
