"""The first pages in real Chromium: they load cleanly, navigate, and pass axe."""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser.helpers import axe_violations


@pytest.fixture
def registry_with_data(make_body, make_resolution, make_action):
    body = make_body(name="Sacramento Central Labor Council", slug="sacramento-clc",
                     level="central_labor_council", state="CA", city="Sacramento",
                     affiliation="AFL-CIO")
    make_resolution(body)
    make_action(body, "rally_or_march", occurred_on=date(2019, 9, 1), participants=120)
    make_body(name="Ohio Local", slug="ohio-local", state="OH")
    return body


def test_home_to_profile_journey(watched_page, live_server, registry_with_data):
    """A visitor goes from the home page to the list, filters it, and opens a profile."""
    page = watched_page
    page.goto(live_server + "/")
    assert "Endorsing union bodies on record" in page.inner_text("main")
    page.get_by_role("link", name="Union bodies").first.click()
    page.select_option("#state", "CA")
    page.get_by_role("button", name="Apply").click()
    assert "state=CA" in page.url
    assert "1 union body" in page.inner_text(".result-count")
    page.get_by_role("link", name="Sacramento Central Labor Council").click()
    page.wait_for_url("**/bodies/sacramento-clc", wait_until="load")
    assert "Tier 3 · Mobilizing" in page.inner_text(".status-box")
    assert page.console_errors == []
    assert page.foreign_requests == []


@pytest.mark.parametrize("path", ["/", "/bodies", "/bodies/sacramento-clc", "/about", "/bodies/nope"])
def test_pages_have_no_serious_accessibility_violations(watched_page, live_server,
                                                        registry_with_data, path):
    watched_page.goto(live_server + path)
    assert axe_violations(watched_page) == []
