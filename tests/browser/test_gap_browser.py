"""/gap and /about/methodology in real Chromium: clean console, nothing fetched from elsewhere,
filters held in the URL, and no serious or critical axe violations."""

from __future__ import annotations

import pytest

from tests.browser.helpers import axe_violations
from tests.gap_registry import build_gap_registry


@pytest.fixture
def registry(make_body, make_bill, make_resolution, make_action, make_check):
    return build_gap_registry(make_body, make_bill, make_resolution, make_action, make_check)


def test_gap_page_draws_charts_and_filters_through_the_url(watched_page, live_server, registry):
    page = watched_page
    page.goto(live_server + "/gap")
    assert page.locator("svg.chart[role=img]").count() == 4
    box = page.locator("#chart-level").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100  # drawn, at a readable size
    page.get_by_text("Table: the numbers behind “Gap by state”").click()
    assert page.locator("#by-state-table").is_visible()
    assert "no endorsing bodies" in page.locator("#by-state-table").inner_text()
    page.select_option("#state", "CA")
    page.get_by_role("button", name="Apply").click()
    assert "state=CA" in page.url
    page.get_by_text("Table: the numbers behind “Gap by state”").click()
    assert page.locator("#by-state-table tbody tr").count() == 1
    href = page.get_by_role("link", name="Download “Gap by level” as CSV").get_attribute("href")
    assert href == "/gap/level.csv?state=CA"
    assert page.console_errors == []
    assert page.foreign_requests == []


@pytest.mark.parametrize("path", ["/gap", "/gap?state=NY&level=local", "/about/methodology"])
def test_gap_pages_have_no_serious_accessibility_violations(watched_page, live_server, registry,
                                                           path):
    page = watched_page
    page.goto(live_server + path)
    for summary in page.locator("details > summary").all():
        summary.click()  # audit the tables too
    assert axe_violations(page) == []
    assert page.console_errors == []
