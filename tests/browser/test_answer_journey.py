"""The "needs more information" exchange in Chromium: a reviewer asks, the member answers on the
tracking page on a phone-sized screen (text and a PDF), and the queue shows the answer."""

from __future__ import annotations

import pytest

from registry.accounts.services import create_user
from registry.database import db
from registry.submissions import services as submissions
from tests.browser.helpers import axe_violations
from tests.moderation.helpers import PASSWORD, PDF

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def asked(app, make_body):
    """A member's resolution for a listed body, and a reviewer to look at it."""
    body = make_body(name="Communications Workers Local 9415", slug="cwa-local-9415", state="CA")
    receipt = submissions.submit(
        "resolution", {"body_id": body.id, "stance": "support", "adopted_on": "2019-05-14",
                       "date_precision": "day", "title": "CWA 9415 backs single payer",
                       "summary": "Endorses Medicare for All."},
        {"email": "pat.member@example.org", "role": "member", "name": "Pat Member"})
    create_user("reviewer@example.org", PASSWORD, "reviewer")
    db.session.commit()
    return receipt


def overflows_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_reviewer_asks_member_answers_queue_shows_it(browser, live_server, asked, tmp_path):
    submission_id = asked.submission.id
    desk_context = browser.new_context(bypass_csp=True)
    desk = desk_context.new_page()
    desk.goto(f"{live_server}/login")
    desk.fill("#email", "reviewer@example.org")
    desk.fill("#password", PASSWORD)
    desk.get_by_role("button", name="Log in").click()
    desk.goto(f"{live_server}/review/{submission_id}")
    desk.get_by_label("Ask the submitter for more information").check()
    desk.fill("#review_note", "Can you send the minutes of the meeting where it was adopted?")
    desk.get_by_role("button", name="Record the decision").click()
    assert "waiting for more information" in desk.inner_text(".flashes")

    phone = browser.new_context(bypass_csp=True, viewport=PHONE)
    member = phone.new_page()
    errors: list[str] = []
    member.on("pageerror", lambda exc: errors.append(str(exc)))
    member.goto(f"{live_server}/submissions/{asked.token}")
    assert member.inner_text("#submission-body") == "Communications Workers Local 9415"
    assert member.inner_text("#submission-status") == "More information needed"
    assert "Decided" not in member.inner_text(".facts")
    assert "minutes of the meeting" in member.inner_text(".review-note")
    assert not overflows_sideways(member)
    assert axe_violations(member) == []
    minutes = tmp_path / "minutes-2019-05.pdf"
    minutes.write_bytes(PDF)
    member.get_by_label("Your answer").fill("Attached: the minutes of 14 May 2019, item 4.")
    member.set_input_files("#document", str(minutes))
    member.get_by_role("button", name="Send my answer").click()
    assert "your answer is with the reviewers" in member.inner_text(".flashes")
    assert member.inner_text("#submission-status").startswith("Waiting for review")
    assert "the minutes of 14 May 2019, item 4" in member.inner_text("main")
    assert not overflows_sideways(member) and axe_violations(member) == []
    assert errors == []
    phone.close()

    desk.goto(f"{live_server}/review")
    row = desk.locator("tr", has_text="CWA 9415 backs single payer")
    assert "Answered" in row.inner_text()
    row.get_by_role("link", name="CWA 9415 backs single payer").click()
    answers = desk.inner_text("ol.answers")
    assert "the minutes of 14 May 2019, item 4" in answers and "minutes-2019-05.pdf" in answers
    with desk.expect_download() as download:
        desk.get_by_role("link", name="minutes-2019-05.pdf").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == PDF
    assert axe_violations(desk) == []
    desk_context.close()


def test_reviewer_logs_out_from_the_navigation_on_a_phone(browser, live_server, asked):
    """The digest preference on the account page; then one tap on Log out in the navigation ends
    the session: no confirmation page."""
    context = browser.new_context(bypass_csp=True, viewport=PHONE)
    desk = context.new_page()
    desk.goto(f"{live_server}/login")
    desk.fill("#email", "reviewer@example.org")
    desk.fill("#password", PASSWORD)
    desk.get_by_role("button", name="Log in").click()
    desk.goto(f"{live_server}/account")
    desk.get_by_label("Email me a daily digest of the review queue").check()
    desk.get_by_role("button", name="Save").click()
    assert "daily digest" in desk.inner_text(".flashes")
    assert not overflows_sideways(desk) and axe_violations(desk) == []
    desk.goto(f"{live_server}/bodies")
    nav = desk.get_by_role("navigation", name="Main")
    nav.get_by_role("button", name="Log out").click()
    assert "You are logged out." in desk.inner_text(".flashes")
    assert nav.get_by_role("button", name="Log out").count() == 0
    desk.goto(f"{live_server}/review")
    assert "/login" in desk.url
    context.close()
