"""Every page of the site, in Chromium: no serious or critical axe violations, no console errors,
no request to another host. Pages each area tests more deeply are swept here together so a new
page or a shared template change cannot slip through."""

from __future__ import annotations

from tests.browser.helpers import axe_violations
from tests.moderation.helpers import PASSWORD
from tests.sweep import PUBLIC_PAGES, REVIEWER_PAGES


def check(page, url: str) -> None:
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == [], url
    # A 404 page's own status is reported by Chromium as a console error; nothing else may be.
    expected = ["Failed to load resource: the server responded with a status of 404 (NOT FOUND)"] \
        if response.status == 404 else []
    assert page.console_errors == expected, url
    assert page.foreign_requests == [], url


def test_every_public_page(watched_page, live_server, sweep_registry):
    for path in PUBLIC_PAGES:
        watched_page.console_errors.clear()
        check(watched_page, live_server + path)


def test_every_public_page_in_spanish(watched_page, live_server, sweep_registry):
    """The same pages with the language switch's choice: Spanish words, the same accessibility
    (the reviewers' sign-in stays English whatever the cookie says)."""
    watched_page.context.add_cookies([{"name": "lang", "value": "es", "url": live_server}])
    for path in PUBLIC_PAGES:
        watched_page.console_errors.clear()
        check(watched_page, live_server + path)
        written_in = "en" if path == "/login" else "es"
        assert watched_page.locator("html").get_attribute("lang") == written_in, path


def test_every_reviewer_page(watched_page, live_server, sweep_registry):
    page = watched_page
    page.goto(live_server + "/login")
    page.fill("#email", "sweep-reviewer@example.org")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/review**")
    for path in REVIEWER_PAGES:
        check(page, live_server + path.format(**sweep_registry))
