"""The moderation journey in real Chromium: a member submits, a reviewer merges and publishes,
the public record and the tracking page follow."""

from __future__ import annotations

import pytest

from registry.accounts.services import create_user
from registry.database import db
from tests.browser.helpers import axe_violations
from tests.moderation.helpers import PASSWORD, PDF


@pytest.fixture
def existing_body(make_body):
    return make_body(name="Amalgamated Transit Union Local 1555", slug="atu-local-1555",
                     level="local", state="CA", city="Oakland", affiliation="ATU",
                     designation="Local 1555")


@pytest.fixture
def reviewer(app):
    user = create_user("reviewer@example.org", PASSWORD, "reviewer")
    db.session.commit()
    return user


def test_submit_review_merge_publish_journey(watched_page, browser, live_server, existing_body,
                                             reviewer, tmp_path):
    member = watched_page
    member.goto(live_server + "/")
    member.get_by_role("link", name="Submit", exact=True).click()
    member.get_by_role("link", name="A resolution").click()
    # Loaded, not just addressed: the search script is deferred, and must run before typing.
    member.wait_for_url("**/submit/resolution", wait_until="load")

    # The member searches as they type, finds nothing under these words, and describes the body.
    member.fill("#body_query", "ATU Oakland")
    member.wait_for_selector("#body-results >> text=No union body in the registry matches")
    member.check("#body-new")
    member.fill("#new_name", "ATU Local 1555")
    member.select_option("#new_level", "local")
    member.fill("#new_affiliation", "ATU")
    member.fill("#new_designation", "Local 1555")
    member.fill("#new_city", "Oakland")
    member.select_option("#new_state", "CA")
    member.check("#stance-0")
    member.fill("#adopted-year", "2019")
    member.select_option("#adopted-month", "5")
    member.fill("#adopted-day", "14")
    member.fill("#title", "Resolution in support of Medicare for All")
    member.fill("#summary", "The local endorses single payer and will educate its members.")
    member.check("input[name=commitments][value=educate_members]")
    minutes = tmp_path / "signed-resolution.pdf"
    minutes.write_bytes(PDF)
    member.set_input_files("#document", str(minutes))
    member.fill("#submitter_name", "Pat Member")
    member.fill("#submitter_email", "pat.member@example.org")
    member.check("#credit_public")
    member.get_by_role("button", name="Send for review").click()

    member.wait_for_selector("text=your submission is in the review queue")
    tracking = member.get_attribute("#tracking-link", "href")
    member.goto(tracking)
    assert member.inner_text("#submission-status") == "Waiting for review"
    assert axe_violations(member) == []

    # A reviewer logs in, finds it, sees the possible duplicate and merges into it.
    context = browser.new_context(bypass_csp=True)
    desk = context.new_page()
    desk.goto(live_server + "/review")
    assert "/login" in desk.url
    desk.fill("#email", "reviewer@example.org")
    desk.fill("#password", PASSWORD)
    desk.get_by_role("button", name="Log in").click()
    assert desk.url.endswith("/review")
    assert axe_violations(desk) == []
    desk.get_by_role("link", name="Resolution in support of Medicare for All").click()
    candidates = desk.inner_text("#candidates")
    assert "Amalgamated Transit Union Local 1555" in candidates
    assert "same affiliation and designation" in candidates
    assert axe_violations(desk) == []
    desk.check(f"#merge-{existing_body.id}")
    desk.get_by_label("Publish merged into an existing body").check()
    desk.fill("#review_note", "Thank you: merged with the local already on record.")
    desk.get_by_role("button", name="Record the decision").click()
    assert "is published on Amalgamated Transit Union Local 1555" in desk.inner_text(".flashes")
    context.close()

    # The public record shows it with its evidence level and history.
    member.goto(live_server + "/bodies/atu-local-1555")
    record = member.inner_text(".timeline")
    assert "Resolution in support of Medicare for All" in record
    assert "Primary" in record and "Submitted by Pat Member" in record
    member.locator("#history-heading + details summary").click()
    history = member.inner_text(".revisions")
    assert "from submission #1, published by a reviewer" in history
    assert "pat.member@example.org" not in member.content()
    assert axe_violations(member) == []

    member.goto(tracking)
    assert member.inner_text("#submission-status") == "Published"
    assert "merged with the local already on record" in member.inner_text("main")
    assert member.console_errors == []
    assert member.foreign_requests == []


def test_search_as_you_type_picks_a_listed_body(watched_page, live_server, existing_body):
    page = watched_page
    page.goto(live_server + "/submit/action")
    page.fill("#body_query", "1555")
    page.wait_for_selector(f"#body-{existing_body.id}")
    page.check(f"#body-{existing_body.id}")
    page.select_option("#kind", "rally_or_march")
    page.fill("#occurred-year", "2020")
    page.fill("#description", "Marched to the capitol.")
    page.fill("#submitter_email", "pat.member@example.org")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_selector("#tracking-link")
    assert page.console_errors == []


def test_body_search_works_with_javascript_off(browser, live_server, existing_body):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/submit/resolution")
    page.fill("#title", "Typed before searching")
    page.fill("#body_query", "Oakland")
    page.get_by_role("button", name="Find").click()
    page.check(f"#body-{existing_body.id}")
    assert page.input_value("#title") == "Typed before searching"
    context.close()


@pytest.mark.parametrize("path", ["/submit", "/submit/resolution", "/submit/action",
                                  "/submit/correction/atu-local-1555", "/login"])
def test_member_pages_have_no_serious_accessibility_violations(watched_page, live_server,
                                                               existing_body, path):
    watched_page.goto(live_server + path)
    assert axe_violations(watched_page) == []


def test_form_errors_are_accessible(watched_page, live_server):
    """Errors shown after a failed POST are tied to their fields and pass axe."""
    page = watched_page
    page.goto(live_server + "/submit/resolution")
    page.get_by_role("button", name="Send for review").click()
    assert page.get_attribute("#title", "aria-invalid") == "true"
    assert "title-error" in page.get_attribute("#title", "aria-describedby")
    assert axe_violations(page) == []
