"""/about/coverage counts, per month, the checks and actions members sent through the forms
(published after review) apart from those added by research."""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import select

from registry.database import db, utcnow
from registry.models import Check, Submission
from tests.moderation.helpers import action_fields, decide, post_form


def row_for(html: str, label: str) -> list[int]:
    match = re.search(r"<th scope=\"row\">" + label + r"</th>(.*?)</tr>", html, re.S)
    assert match, label
    return [int(n.replace(",", "")) for n in re.findall(r'<td class="num">([\d,]+)</td>', match.group(1))]


def test_members_and_research_per_month(client, reviewer_client, make_body, make_resolution,
                                        make_check, make_action):
    body = make_body(name="Member Local", slug="member-local")
    make_resolution(body)
    # Research: a researcher's check and an imported action, in March 2026.
    march = datetime(2026, 3, 15, 12, 0)
    make_check(body, checked_on=date(2026, 3, 14), published_at=march)
    make_action(body, occurred_on=date(2025, 1, 1), published_at=march)
    make_action(body, occurred_on=date(2025, 2, 1), published_at=march)
    # Members: a check and an action through the forms, published after review (this month).
    check_fields = action_fields(body.id, report="check", kind="", description="Nothing in the minutes.",
                                 searched="Our meeting minutes",
                                 **{"occurred-year": "2026", "occurred-month": "10", "occurred-day": "3"})
    assert post_form(client, "/submit/action", check_fields).status_code == 200
    assert post_form(client, "/submit/action", action_fields(body.id)).status_code == 200
    for submission in db.session.scalars(select(Submission).order_by(Submission.id)).all():
        response = decide(reviewer_client, submission.id, decision="publish_merge",
                          merge_into=str(body.id))
        assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    member_check = select(Check.checked_by).where(Check.checked_on == date(2026, 10, 3))
    assert db.session.scalar(member_check) == "member"

    html = client.get("/about/coverage").get_data(as_text=True)
    assert "Members and research, month by month" in html
    now = utcnow()
    this_month = f"{now:%B %Y}"
    # Checks from members, from research; actions from members, from research.
    assert row_for(html, this_month) == [1, 0, 1, 0]
    assert row_for(html, "March 2026") == [0, 1, 0, 2]
    assert html.index(this_month) < html.index("March 2026")  # newest month first


def test_an_empty_registry_says_so(client):
    assert "No check or action is on record yet." in client.get("/about/coverage").get_data(as_text=True)
