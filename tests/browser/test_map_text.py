"""Text from the data reaches the maps' tooltips, popups and icons as text, never as HTML: a
body named like markup shows that name literally, and no element it spells is ever created."""

from __future__ import annotations

from datetime import date

import pytest

MARKUP = '<img src="/static/favicon.svg" id="injected" alt="x"><b id="bold">Local</b>'


@pytest.fixture
def hostile(make_body, make_resolution):
    """A body named like markup, near Columbus, and a normal one far off (a cluster and a state)."""
    body = make_body(name=MARKUP, slug="markup-local", state="OH", city="Columbus",
                     latitude=40.05, longitude=-83.0, geocode_precision="city")
    make_resolution(body, adopted_on=date(2019, 5, 1))
    return body


def no_injected_elements(page) -> bool:
    return page.locator("#injected, #bold").count() == 0


def test_organizer_tooltips_show_a_name_as_text(watched_page, live_server, hostile):
    """static/js/organize.js gave the name to bindTooltip as a string, which Leaflet reads as HTML."""
    page = watched_page
    page.goto(live_server + "/organize?near=43215&radius_mi=30")
    markers = page.locator("#organize-map path.leaflet-interactive")
    markers.nth(1).wait_for()
    assert markers.count() == 2  # the searched place, then the body
    for index in range(2):
        markers.nth(index).hover()
        page.locator(".leaflet-tooltip").last.wait_for()
    tooltips = page.locator(".leaflet-tooltip").all_inner_texts()
    assert any(text.startswith(MARKUP + " — not yet checked") for text in tooltips), tooltips
    assert any("43215" in text or "Columbus" in text for text in tooltips), tooltips
    assert no_injected_elements(page)
    assert page.console_errors == [] and page.foreign_requests == []


def test_map_popups_tooltips_and_icons_hold_text_only(watched_page, live_server, hostile):
    """/map: the body's popup and marker title, the state's tooltip, the cluster and tier icons."""
    page = watched_page
    page.goto(live_server + "/map")
    page.wait_for_selector("#map[data-state=ready]")
    marker = page.locator(".leaflet-marker-icon.tier-marker")
    assert marker.get_attribute("title").startswith(MARKUP + ": not yet checked")
    assert marker.inner_text() == "?"  # endorsed, not yet checked
    marker.click()
    popup = page.locator(".body-popup")
    popup.wait_for()
    assert popup.locator("h2").inner_text() == MARKUP
    page.locator(".leaflet-popup-close-button").click()
    page.locator(".leaflet-overlay-pane path").first.hover()
    page.locator(".leaflet-tooltip.state-label").wait_for()
    assert no_injected_elements(page)
    notes = page.locator(".state-note")
    if notes.count():
        assert notes.first.inner_text().split() == ["No", "endorsers"]
    assert page.console_errors == [] and page.foreign_requests == []
