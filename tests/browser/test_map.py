"""The follow-through map in real Chromium: loads cleanly from the app alone, filters through the
URL, restores a shared view, keeps the table in step with the markers, and passes axe."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations

# Far enough apart that no two markers cluster at the map's opening zoom.
PLACES = {
    "OH": ("Columbus", 39.96, -83.0),
    "CA": ("Oakland", 37.8, -122.27),
    "NY": ("Albany", 42.65, -73.75),
    "TX": ("Austin", 30.27, -97.74),
    "WA": ("Seattle", 47.61, -122.33),
    "MN": ("Minneapolis", 44.98, -93.27),
}


@pytest.fixture
def map_data(make_body, make_resolution, make_action):
    """Six bodies: Ohio and New York mobilized (tier 3), the rest on paper; one body unplaced."""
    for state, (city, lat, lon) in PLACES.items():
        body = make_body(name=f"{city} Labor Council", slug=f"{city.lower()}-clc", state=state, city=city,
                         latitude=lat, longitude=lon, geocode_precision="city",
                         level="central_labor_council", affiliation="AFL-CIO")
        make_resolution(body, adopted_on=date(2019, 5, 1))
        if state in ("OH", "NY"):
            make_action(body, "rally_or_march", occurred_on=date(2019, 9, 1), participants=120)
    make_body(name="Unplaced Local", slug="unplaced-local", state=None, city=None)


def ready(page) -> None:
    page.wait_for_selector("#map[data-state=ready]")


def shown_slugs(page) -> list[str]:
    return page.eval_on_selector("#map", "el => el.shownSlugs")


def table_slugs(page, mapped_only: bool = False) -> list[str]:
    selector = "#map-results tr[data-slug]" + (":not([data-unmapped])" if mapped_only else "")
    return sorted(page.eval_on_selector_all(selector, "rows => rows.map(r => r.dataset.slug)"))


def test_map_loads_from_the_app_alone_with_states_and_markers(watched_page, live_server, map_data):
    """Zero console errors, zero requests elsewhere; every state outline and every placed body drawn."""
    page = watched_page
    page.goto(live_server + "/map")
    ready(page)
    assert page.locator(".leaflet-overlay-pane path").count() >= 56  # every state and territory
    # Utah, for one, has no endorsing body: it is hatched.
    fills = page.eval_on_selector_all(".leaflet-overlay-pane path",
                                      "paths => paths.map(p => p.getAttribute('fill'))")
    assert "url(#no-endorsers)" in fills
    assert page.locator(".leaflet-marker-icon.tier-marker").count() == len(PLACES)
    assert sorted(shown_slugs(page)) == sorted(f"{c.lower()}-clc" for c, _, _ in PLACES.values())
    assert page.locator(".leaflet-marker-icon.tier-3").count() == 2
    assert "Overall, 4 of 6 endorsing bodies have no recorded mobilization." in page.inner_text(
        "#map-status")
    assert page.console_errors == []
    assert page.foreign_requests == []


def test_a_filter_changes_the_url_the_count_and_the_markers_and_history_works(watched_page, live_server,
                                                                                map_data):
    page = watched_page
    page.goto(live_server + "/map")
    ready(page)
    assert "7 union bodies" in page.inner_text("#map-status")
    page.select_option("#f-tier", "3")
    ready(page)
    assert re.search(r"[?&]tier=3(&|$|#)", page.url)
    expect(page.locator("#map-status")).to_contain_text("2 union bodies")
    assert shown_slugs(page) == ["albany-clc", "columbus-clc"]
    assert page.locator(".leaflet-marker-icon.tier-marker").count() == 2
    assert table_slugs(page) == ["albany-clc", "columbus-clc"]

    page.select_option("#f-state", "OH")
    ready(page)
    expect(page.locator("#map-status")).to_contain_text("In Ohio")
    assert "state=OH" in page.url and "tier=3" in page.url
    assert shown_slugs(page) == ["columbus-clc"]

    page.go_back()
    ready(page)
    expect(page.locator("#map-status")).to_contain_text("2 union bodies")
    assert "state=OH" not in page.url and page.input_value("#f-state") == ""
    assert page.input_value("#f-tier") == "3"
    assert shown_slugs(page) == ["albany-clc", "columbus-clc"]
    page.go_back()
    ready(page)
    expect(page.locator("#map-status")).to_contain_text("7 union bodies")
    assert page.input_value("#f-tier") == "" and len(shown_slugs(page)) == len(PLACES)
    page.go_forward()
    ready(page)
    expect(page.locator("#map-status")).to_contain_text("2 union bodies")
    assert page.input_value("#f-tier") == "3"
    assert page.console_errors == [] and page.foreign_requests == []


def test_a_shared_url_restores_the_same_view(watched_page, live_server, map_data, context):
    """Filters live in the query string, the view in the hash: a new page shows the same map."""
    page = watched_page
    page.goto(live_server + "/map")
    ready(page)
    page.select_option("#f-level", "central_labor_council")
    page.select_option("#f-tier", "0")
    ready(page)
    page.click(".leaflet-control-zoom-in")
    expect(page).to_have_url(re.compile(r"#\d"))
    ready(page)
    shared = page.url
    before = (shown_slugs(page), page.inner_text("#map-status"), table_slugs(page))

    other = context.new_page()
    errors = []
    other.on("console", lambda message: message.type == "error" and errors.append(message.text))
    other.goto(shared)
    ready(other)
    # The page writes its actual view back into the hash: an unchanged URL means the same view.
    assert other.url == shared
    assert other.input_value("#f-tier") == "0"
    assert other.input_value("#f-level") == "central_labor_council"
    assert (shown_slugs(other), other.inner_text("#map-status"), table_slugs(other)) == before
    assert errors == []


def test_the_table_alternative_lists_the_same_results_as_the_map(watched_page, live_server, map_data):
    page = watched_page
    for query in ("?tier=0", "?state=CA", "?endorsing=true", ""):
        page.goto(live_server + "/map" + query)
        ready(page)
        assert table_slugs(page, mapped_only=True) == sorted(shown_slugs(page)), query
    # A body with no place is in the table, said to be off the map.
    assert "unplaced-local" in table_slugs(page) and "unplaced-local" not in shown_slugs(page)
    assert "(not on the map)" in page.inner_text("#map-results tr[data-slug=unplaced-local]")


def test_the_table_sorts_from_the_keyboard(watched_page, live_server, map_data):
    page = watched_page
    page.goto(live_server + "/map")
    ready(page)
    page.focus("#map-results a[data-sort=tier]")
    page.keyboard.press("Enter")
    expect(page.locator("#map-results th[aria-sort] a")).to_have_attribute("data-sort", "tier")
    assert "sort=tier" in page.url
    first_two = page.eval_on_selector_all("#map-results tbody tr",
                                          "rows => rows.slice(0, 2).map(r => r.dataset.slug)")
    assert sorted(first_two) == ["albany-clc", "columbus-clc"]
    assert page.evaluate("document.activeElement.dataset.sort") == "tier"


def test_a_marker_popup_gives_the_tier_reason_and_the_profile_link(watched_page, live_server, map_data):
    page = watched_page
    page.goto(live_server + "/map")
    ready(page)
    page.click(".leaflet-marker-icon[title^='Columbus Labor Council']")
    popup = page.locator(".body-popup")
    popup.wait_for()
    assert "Central labor council · AFL-CIO" in popup.inner_text()
    assert "Tier 3 · Mobilizing" in popup.inner_text()
    expect(popup.locator(".reason")).to_have_text(re.compile(r"^Tier 3 —"))
    assert "rally or march on 1 September 2019, 120 members" in popup.locator(".reason").inner_text()
    assert "Last recorded activity: 1 September 2019" in popup.inner_text()
    link = popup.get_by_role("link", name="Open the full record")
    assert link.get_attribute("href") == "/bodies/columbus-clc"
    assert page.console_errors == [] and page.foreign_requests == []


def test_filters_that_do_not_fit_together_are_explained(watched_page, live_server, map_data):
    page = watched_page
    page.goto(live_server + "/map")
    ready(page)
    page.fill("#f-year_from", "2020")
    page.fill("#f-year_to", "2010")
    page.press("#f-year_to", "Tab")
    ready(page)
    expect(page.locator("#map-status")).to_contain_text("could not be applied")
    assert "Year from: Must not be after year_to." in page.inner_text("#map-status")
    assert "could not be applied" in page.inner_text(".map-error")


def test_markers_open_from_the_keyboard(watched_page, live_server, map_data):
    """Each marker is a focusable button named after its body; Enter opens its popup."""
    page = watched_page
    page.goto(live_server + "/map")
    ready(page)
    marker = page.locator(".leaflet-marker-icon[title^='Austin Labor Council']")
    assert marker.get_attribute("role") == "button" and marker.get_attribute("tabindex") == "0"
    assert marker.get_attribute("title") == "Austin Labor Council: not yet checked"
    marker.focus()
    page.keyboard.press("Enter")
    page.locator(".body-popup").wait_for()
    assert "Austin Labor Council" in page.inner_text(".body-popup")


def test_the_map_page_has_no_serious_accessibility_violations(watched_page, live_server, map_data):
    page = watched_page
    page.goto(live_server + "/map?state=OH")
    ready(page)
    assert axe_violations(page) == []
    page.click(".leaflet-marker-icon.tier-marker")
    page.locator(".body-popup").wait_for()
    # Popups fade in: audit the colours once the fade is over.
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    assert axe_violations(page) == []


def test_without_javascript_the_page_still_filters_and_lists(browser, live_server, map_data):
    """With scripts off the map says so, and the form and table work from the server alone."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/map")
    assert "The map needs JavaScript" in page.inner_text("#map")
    page.select_option("#f-tier", "3")
    page.get_by_role("button", name="Apply filters").click()
    assert "tier=3" in page.url
    assert "2 union bodies" in page.inner_text("#map-status")
    assert table_slugs(page) == ["albany-clc", "columbus-clc"]
    context.close()


def test_a_hand_typed_lowercase_state_still_draws_the_map(watched_page, live_server, map_data):
    """The page accepts ?state=ca; the script asks the strict API for CA."""
    page = watched_page
    page.goto(live_server + "/map?state=ca")
    ready(page)
    assert page.console_errors == []
    assert shown_slugs(page) == table_slugs(page)
