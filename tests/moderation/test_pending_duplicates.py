"""Two waiting submissions for the same new body flag each other in review, as bodies already on
record are flagged; logging out is one step from the navigation."""

from __future__ import annotations

from registry.database import db
from registry.models import Submission
from registry.review.duplicates import waiting_duplicates
from tests.moderation.helpers import hidden_value, post_form

ATU = {"name": "Amalgamated Transit Union Local 1555", "level": "local", "state": "CA",
       "affiliation": "ATU", "designation": "Local 1555", "city": "Oakland"}


def waiting_box(reviewer_client, submission_id: int) -> str:
    html = reviewer_client.get(f"/review/{submission_id}").get_data(as_text=True)
    start = html.find('id="waiting-duplicates"')
    return "" if start < 0 else html[start:html.find("</div>", start)]


def test_two_waiting_submissions_for_the_same_new_body_flag_each_other(reviewer_client,
                                                                       make_submission):
    first, _ = make_submission(new_body=ATU, title="First report")
    second, _ = make_submission("action", new_body={**ATU, "name": "ATU Local 1555"})
    elsewhere, _ = make_submission(new_body={**ATU, "state": "NV", "city": "Reno"})
    unlike, _ = make_submission(new_body={"name": "California Nurses Association", "level": "other",
                                          "state": "CA"})
    box = waiting_box(reviewer_client, first.id)
    assert f'href="/review/{second.id}"' in box and "same affiliation and designation" in box
    assert f"/review/{elsewhere.id}\"" not in box and f"/review/{unlike.id}\"" not in box
    assert f'href="/review/{first.id}"' in waiting_box(reviewer_client, second.id)
    assert waiting_box(reviewer_client, unlike.id) == ""


def test_decided_and_spam_submissions_are_not_flagged_as_waiting(app, make_submission):
    first, _ = make_submission(new_body=ATU)
    for status in ("published", "rejected", "spam"):
        other, _ = make_submission(new_body=ATU)
        other.status = status
    needs_info, _ = make_submission(new_body=ATU)
    needs_info.status = "needs_info"
    db.session.commit()
    flagged = [d.submission.id for d in waiting_duplicates(db.session.get(Submission, first.id))]
    assert flagged == [needs_info.id]


def test_log_out_from_the_navigation_in_one_step(reviewer_client):
    """Every page a reviewer sees has a Log out button in the navigation: one POST with its CSRF
    token ends the session, no confirmation page."""
    page = reviewer_client.get("/bodies").get_data(as_text=True)
    nav = page[page.index('<nav aria-label="Main">'):page.index("</nav>")]
    assert 'class="nav-logout" method="post" action="/logout"' in nav
    response = post_form(reviewer_client, "/logout", {},
                         tokens={"csrf_token": hidden_value(nav, "csrf_token")})
    assert response.status_code == 302
    assert reviewer_client.get("/review").status_code == 302  # to the login page
    assert "nav-logout" not in reviewer_client.get("/bodies").get_data(as_text=True)
