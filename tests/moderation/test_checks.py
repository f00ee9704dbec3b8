"""Follow-through checks: the reviewers' research queue, and members reporting "we looked, nothing
happened" through the action form; both make a body "paper only" instead of "not yet checked"."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from registry.database import db
from registry.followthrough.aggregates import overall_gap
from registry.models import Body, Check, Submission
from tests.moderation.helpers import action_fields, decide, post_form


def queue_names(html: str) -> list[str]:
    return re.findall(r'<h2 class="h3"><a href="/bodies/[^"]+">([^<]+)</a></h2>', html)


def test_research_queue_is_for_reviewers_only(client):
    response = client.get("/review/research")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_research_queue_order_and_count(reviewer_client, make_body, make_resolution, make_check,
                                        make_action):
    """National unions and state federations first, then the largest, then the oldest resolution;
    bodies checked within 24 months, allied organizations and non-endorsers are not listed."""
    local_old = make_body(name="Old Local", members=None)
    make_resolution(local_old, adopted_on=date(2008, 1, 1))
    local_new = make_body(name="New Local", members=None)
    make_resolution(local_new, adopted_on=date(2019, 1, 1))
    big = make_body(name="Big Local", members=50_000)
    make_resolution(big, adopted_on=date(2020, 1, 1))
    federation = make_body(name="State Federation", level="state_federation", members=None)
    make_resolution(federation, adopted_on=date(2021, 1, 1))
    stale = make_body(name="Stale Council", level="central_labor_council", members=10)
    make_resolution(stale, adopted_on=date(2010, 1, 1))
    make_check(stale, checked_on=date(2023, 1, 1))  # more than 24 months before 2026-11-28
    fresh = make_body(name="Fresh Local")
    make_resolution(fresh)
    make_check(fresh, checked_on=date(2026, 1, 1))
    acted = make_body(name="Acted Local")  # an action makes it checked, not researched
    make_resolution(acted)
    make_action(acted, "rally_or_march")
    allied = make_body(name="Allied Coalition", organization_type="allied")
    make_resolution(allied)
    make_body(name="Never Endorsed")
    page = reviewer_client.get("/review/research").get_data(as_text=True)
    assert queue_names(page) == ["State Federation", "Big Local", "Stale Council", "Old Local",
                                 "New Local", "Acted Local"]
    flat = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "6 bodies left to check: 5 never checked, 1 checked more than 24 months ago" in flat


def test_recording_a_check_makes_the_body_paper_only(client, reviewer_client, make_body,
                                                     make_resolution):
    body = make_body(name="Quiet Local", slug="quiet-local")
    make_resolution(body)
    assert overall_gap().unchecked == 1
    page = reviewer_client.get("/review/research").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = post_form(reviewer_client, f"/review/research/{body.id}/check", {
        "checked_on": "2026-11-12", "result": "nothing_found",
        "searched": "https://example.org/minutes\nThe local's newsletters, 2019-2026",
        "summary": "No follow-through found."}, tokens={"csrf_token": token})
    assert response.status_code == 302
    check = db.session.scalar(select(Check))
    assert (check.checked_by, check.checked_on, check.result) == ("reviewer", date(2026, 11, 12),
                                                                 "nothing_found")
    db.session.expire_all()
    stored = db.session.get(Body, body.id)
    assert stored.checked and stored.last_checked_on == date(2026, 11, 12)
    figures = overall_gap()
    assert (figures.unchecked, figures.checked, figures.paper_only) == (0, 1, 1)
    profile = client.get("/bodies/quiet-local").get_data(as_text=True)
    assert "Tier 0 · Paper only" in profile and "Last checked 12 November 2026" in profile
    after = reviewer_client.get("/review/research").get_data(as_text=True)
    assert "Check recorded for Quiet Local: it now shows as paper only, checked 12 November 2026." \
        in after  # the flash message
    assert queue_names(after) == [] and "<strong>0</strong> bodies left to check" in after


def test_a_bad_check_is_refused_with_messages_and_stores_nothing(reviewer_client, make_body,
                                                                make_resolution):
    body = make_body(name="Quiet Local")
    make_resolution(body)
    page = reviewer_client.get("/review/research").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = post_form(reviewer_client, f"/review/research/{body.id}/check", {
        "checked_on": "2030-01-01", "result": "", "searched": "\u200b"}, tokens={"csrf_token": token})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "The check for Quiet Local was not recorded" in html
    assert "The day must not be in the future." in html and "Must contain visible text." in html
    assert "Choose what you found." in html
    assert db.session.scalar(select(Check)) is None
    without_csrf = reviewer_client.post(f"/review/research/{body.id}/check",
                                        data={"checked_on": "2026-11-12", "result": "nothing_found",
                                              "searched": "minutes"})
    assert without_csrf.status_code == 400 and db.session.scalar(select(Check)) is None


def test_a_member_reports_a_check_through_the_action_form(client, reviewer_client, make_body,
                                                         make_resolution):
    """"We looked: nothing since the resolution" is queued as a check and published as one."""
    body = make_body(name="Member Local", slug="member-local")
    make_resolution(body)
    fields = action_fields(body.id, report="check", kind="", description="Nothing in the minutes.",
                           searched="Our meeting minutes, 2019-2026\nThe local's newsletter",
                           **{"occurred-year": "2026", "occurred-month": "10", "occurred-day": "3"})
    response = post_form(client, "/submit/action", fields)
    assert response.status_code == 200, response.get_data(as_text=True)
    submission = db.session.scalar(select(Submission))
    assert submission.kind == "check" and submission.payload["checked_on"] == "2026-10-03"
    assert db.session.get(Body, body.id).checked is False  # nothing public before review
    response = decide(reviewer_client, submission.id, decision="publish_merge",
                      merge_into=str(body.id))
    assert response.status_code == 302, response.get_data(as_text=True)
    check = db.session.scalar(select(Check))
    assert (check.checked_by, check.checked_on, check.summary) == ("member", date(2026, 10, 3),
                                                                  "Nothing in the minutes.")
    assert check.searched_items == ["Our meeting minutes, 2019-2026", "The local's newsletter",
                                    "https://example.org/rally"]
    db.session.expire_all()
    assert db.session.get(Body, body.id).checked
    assert "Follow-through check by a member" in client.get("/bodies/member-local").get_data(as_text=True)


def test_a_check_needs_where_they_looked_and_the_day(client, make_body, make_resolution):
    body = make_body(name="Member Local")
    make_resolution(body)
    fields = action_fields(body.id, report="check", kind="", searched="",
                           **{"occurred-year": "2026", "occurred-month": "", "occurred-day": ""})
    response = post_form(client, "/submit/action", fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Say where you looked." in html and "Give the day you looked" in html
    assert db.session.scalar(select(Submission)) is None


def test_an_action_report_carries_its_scope(client, make_body):
    body = make_body(name="Reform Local")
    response = post_form(client, "/submit/action", action_fields(body.id, scope="health_reform"))
    assert response.status_code == 200
    assert db.session.scalar(select(Submission)).payload["scope"] == "health_reform"
