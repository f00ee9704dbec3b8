"""Every page of the site, in Chromium: no serious or critical axe violations, no console errors,
no request to another host. Pages each area tests more deeply are swept here together so a new
page or a shared template change cannot slip through."""

from __future__ import annotations

from datetime import date

import pytest

from registry.accounts.services import create_user
from registry.database import db
from registry.districts.placement import assign_districts
from registry.submissions import services as submissions
from tests.browser.helpers import axe_violations
from tests.moderation.helpers import PASSWORD

PUBLIC_PAGES = [
    "/", "/bodies", "/bodies?state=OH&tier=3", "/bodies/sweep-local", "/bills", "/bills/hr-676",
    "/gap", "/about", "/about/methodology", "/about/coverage", "/submit/action?report=check",
    "/map", "/organize", "/organize?near=43215&radius_mi=50",
    "/data", "/submit", "/submit/resolution", "/submit/action", "/submit/correction/sweep-local",
    "/login", "/bodies/no-such-body", "/districts", "/districts?state=OH&cosponsor=false",
    "/districts/OH-3", "/districts/OR-3", "/districts/VT-AL", "/help/check?near=43215",
    "/bodies/sweep-local/watch",
]
REVIEWER_PAGES = ["/review", "/review/{submission}", "/review/research", "/account"]


@pytest.fixture
def sweep_registry(make_body, make_resolution, make_action, districts, house_bills):
    bill = house_bills["HR 676"]
    national = make_body(name="Sweep National Union", slug="sweep-national", level="national_union",
                         state=None, city=None)
    body = make_body(name="Sweep Local 1", slug="sweep-local", parent_id=national.id, state="OH",
                     city="Columbus", latitude=39.96, longitude=-83.0, geocode_precision="city")
    make_resolution(body, bill_id=bill.id)
    make_action(body, "rally_or_march", occurred_on=date(2020, 3, 1), participants=200)
    assign_districts([body.id])
    create_user("sweep-reviewer@example.org", PASSWORD, "reviewer")
    receipt = submissions.submit(
        "action", {"body_id": body.id, "kind": "lobby_visit", "occurred_on": "2021-02-01",
                   "date_precision": "month", "description": "Met the district staff.",
                   "source_url": "https://example.org/lobby"},
        {"name": "Sam", "email": "sam@example.org", "role": "member", "credit_public": False}, None)
    db.session.commit()
    return {"submission": receipt.submission.id}


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


def test_every_reviewer_page(watched_page, live_server, sweep_registry):
    page = watched_page
    page.goto(live_server + "/login")
    page.fill("#email", "sweep-reviewer@example.org")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/review**")
    for path in REVIEWER_PAGES:
        check(page, live_server + path.format(**sweep_registry))
