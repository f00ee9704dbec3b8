"""An organizer in Portland, in real Chromium, on a phone and on a desktop: each local without a
parent is pointed to the Portland council with its distance, not to Bend's; a recorded parent
comes first; the call list says the same."""

from __future__ import annotations

import csv
import io

import pytest

from tests.local_services import city_place as place


@pytest.fixture
def portland(make_body, make_resolution):
    make_body(name="Central Oregon Labor Council", slug="central-oregon-labor-council",
              level="central_labor_council", **place("Bend, OR"))
    make_body(name="Northwest Oregon Labor Council", slug="northwest-oregon-labor-council",
              level="central_labor_council", website="https://nwolc.example.org", **place("Portland, OR"))
    national = make_body(name="Teamsters", slug="teamsters", level="national_union", state="DC")
    make_resolution(make_body(name="Carpenters Local 247", slug="carpenters-local-247",
                              **place("Portland, OR")))
    make_body(name="Teamsters Local 206", slug="teamsters-local-206", parent_id=national.id,
              **place("Portland, OR"))


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}],
                         ids=["phone", "desktop"])
def test_portland_locals_are_asked_up_to_the_portland_council(browser, live_server, portland, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server + "/organize")
    page.get_by_label("Near (ZIP code or city, state)").fill("Portland, OR")
    page.get_by_label("Radius in miles").fill("10")
    page.get_by_role("button", name="Find bodies").click()
    carpenters = page.locator('tr.result[data-slug="carpenters-local-247"] td.ask')
    text = " ".join(carpenters.inner_text().split())
    assert "Northwest Oregon Labor Council" in text and "Central Oregon" not in text
    assert "the nearest central labor council (Portland, OR), less than a mile away" in text
    teamsters_cell = page.locator('tr.result[data-slug="teamsters-local-206"] td.ask')
    teamsters = " ".join(teamsters_cell.inner_text().split())
    assert "Teamsters" in teamsters and "parent body on record" in teamsters.lower()
    carpenters.get_by_role("link", name="Northwest Oregon Labor Council").click()
    # The address changes before the new document exists: wait for it to load before measuring it.
    page.wait_for_url("**/bodies/northwest-oregon-labor-council", wait_until="load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"] or viewport["width"] > 390
    assert errors == []
    calls = page.request.get(live_server + "/organize/calls.csv?near=Portland%2C+OR&radius_mi=10")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(calls.text()))}
    assert rows["Carpenters Local 247"]["ask_up"] == "Northwest Oregon Labor Council"
    assert "less than a mile away" in rows["Carpenters Local 247"]["ask_up_rule"]
    context.close()
