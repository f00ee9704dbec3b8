"""A reviewer works the research queue in Chromium: one check takes a body from "not yet checked"
to "paper only — checked", and the gap figures follow."""

from __future__ import annotations

from datetime import date

import pytest

from registry.accounts.services import create_user
from registry.database import db
from tests.browser.helpers import axe_violations
from tests.moderation.helpers import PASSWORD


@pytest.fixture
def unchecked_federation(make_body, make_resolution):
    body = make_body(name="Prairie State Federation", slug="prairie-state-federation",
                     level="state_federation", state="IL", city="Springfield")
    make_resolution(body, adopted_on=date(2008, 5, 1))
    mobilized = make_body(name="Marching Local", slug="marching-local", state="IL")
    make_resolution(mobilized, adopted_on=date(2018, 1, 1))
    return body


def figure(page, label: str) -> str:
    return " ".join(page.locator(f"dt:text-is('{label}') + dd").inner_text().split())


def test_a_reviewer_checks_a_body_from_the_research_queue(watched_page, live_server,
                                                          unchecked_federation):
    create_user("researcher@example.org", PASSWORD, "reviewer")
    db.session.commit()
    page = watched_page
    page.goto(live_server + "/gap")
    assert figure(page, "Not yet checked") == "100% 2 of 2"
    page.goto(live_server + "/bodies/prairie-state-federation")
    assert page.locator(".status-box .standing-unchecked").inner_text() == "Not yet checked"

    page.goto(live_server + "/login")
    page.fill("#email", "researcher@example.org")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/review**")
    page.goto(live_server + "/review/research")
    assert "2 bodies left to check" in " ".join(page.locator(".result-count").inner_text().split())
    first = page.locator(".research-item").first
    assert first.locator("h2").inner_text() == "Prairie State Federation"  # federations first
    first.locator("summary").click()
    first.locator("input[name=checked_on]").fill("2026-11-12")
    first.locator("textarea[name=searched]").fill(
        "https://example.org/federation/news\nState convention proceedings, 2008-2026")
    first.get_by_label("No follow-through found").check()
    first.locator("textarea[name=summary]").fill("No single-payer action found since 2008.")
    assert axe_violations(page) == []
    first.get_by_role("button", name="Record the check").click()
    page.wait_for_url("**/review/research**")
    assert "Check recorded for Prairie State Federation" in page.locator("body").inner_text()
    assert "1 body left to check" in " ".join(page.locator(".result-count").inner_text().split())

    page.goto(live_server + "/bodies/prairie-state-federation")
    assert page.locator(".status-box .badge.tier-0").inner_text() == "Tier 0 · Paper only"
    assert "Tier 0 — Paper only: checked 12 November 2026, no follow-through found" in \
        page.locator(".status-box .reason").inner_text()
    assert "Last checked 12 November 2026" in page.locator(".last-checked").inner_text()
    page.goto(live_server + "/gap")
    assert figure(page, "Not yet checked") == "50% 1 of 2"
    assert figure(page, "Paper only (checked, nothing found)") == "100% 1 of 1"
    assert figure(page, "Gap among checked bodies") == "100% 1 of 1"
    assert page.console_errors == [] and page.foreign_requests == []
