"""The private tracking pages in Chromium, a member's and a spam catch's alike: no serious or
critical axe violations, no console errors, nothing fetched from another host."""

from __future__ import annotations

from registry.database import db
from registry.submissions import services as submissions
from tests.browser.helpers import axe_violations


def test_tracking_pages_are_accessible_and_alike(watched_page, live_server, make_body):
    body = make_body(slug="tracked-local")
    tokens = []
    for spam in (False, True):
        receipt = submissions.submit(
            "correction", {"body_id": body.id, "field": "city", "proposed_value": "Dayton"},
            {"email": "pat@example.org", "role": "member"}, spam=spam)
        tokens.append(receipt.token)
    db.session.commit()
    statuses = []
    for token in tokens:
        response = watched_page.goto(f"{live_server}/submissions/{token}")
        assert response.status == 200
        assert response.headers["cache-control"] == "private, no-store"
        assert axe_violations(watched_page) == []
        statuses.append(watched_page.inner_text("#submission-status"))
    assert statuses == ["Waiting for review", "Waiting for review"]
    assert watched_page.console_errors == [] and watched_page.foreign_requests == []
