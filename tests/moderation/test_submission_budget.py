"""What one address may send: stored submissions spend SUBMISSION_RATE_LIMIT (forms and API
together), every attempt to send spends the generous SUBMISSION_ATTEMPT_LIMIT, searching spends
nothing; over a budget the member gets the form back, as typed, with when to try again."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, update

from registry.database import db
from registry.extensions import limiter
from registry.models import Submission
from tests.moderation.helpers import PDF, form_tokens, hidden_value, post_form, resolution_fields


@pytest.fixture
def limited_app(make_app):
    app = make_app(RATELIMIT_ENABLED=True, SUBMISSION_RATE_LIMIT="2 per minute",
                   SUBMISSION_ATTEMPT_LIMIT="6 per minute")
    yield app
    limiter.reset()
    limiter.enabled = False


def stored() -> int:
    return db.session.scalar(select(func.count()).select_from(Submission))


def api_payload(body_id: int, title: str) -> dict:
    return {"kind": "resolution", "payload": {
        "body_id": body_id, "stance": "support", "adopted_on": "2019-05-14", "date_precision": "day",
        "title": title, "summary": "Endorses single payer."},
        "submitter": {"email": "api@example.org", "role": "member"}}


def test_searching_for_a_body_never_counts(limited_app, make_body):
    """Find posts the whole form; twenty searches spend neither budget."""
    body = make_body(name="Searchable Local 9")
    client = limited_app.test_client()
    tokens = form_tokens(client, "/submit/resolution")
    for _ in range(20):
        response = post_form(client, "/submit/resolution",
                             {"body_query": "Searchable", "find": "1", "title": "Kept"}, tokens=tokens)
        assert response.status_code == 200
        assert "Searchable Local 9" in response.get_data(as_text=True)
    codes = [post_form(client, "/submit/resolution", resolution_fields(body.id, title=f"R{n}"))
             .status_code for n in range(2)]
    assert codes == [200, 200] and stored() == 2


def test_forms_sent_back_with_mistakes_do_not_spend_the_submission_budget(limited_app, make_body):
    body = make_body()
    client = limited_app.test_client()
    bad = [post_form(client, "/submit/resolution", resolution_fields(body.id, title="")).status_code
           for _ in range(3)]
    good = [post_form(client, "/submit/resolution", resolution_fields(body.id, title=f"R{n}"))
            .status_code for n in range(2)]
    assert bad == [422, 422, 422] and good == [200, 200] and stored() == 2


def test_over_the_budget_the_form_comes_back_as_typed_with_when_to_retry(limited_app, make_body):
    body = make_body()
    client = limited_app.test_client()
    for n in range(2):
        assert post_form(client, "/submit/resolution",
                         resolution_fields(body.id, title=f"R{n}")).status_code == 200
    response = post_form(client, "/submit/resolution",
                         resolution_fields(body.id, title="The third one", summary="Typed with care."),
                         document=PDF)
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    wait = int(response.headers["Retry-After"])
    assert 0 < wait <= 60
    notice = page.split('id="form-problems"', 1)[1].split("</div>", 1)[0]
    assert "2 a minute" in notice and re.search(r"send it again in \d+ seconds?", notice)
    assert "Everything you typed is still in the form" in notice
    assert 'value="The third one"' in page and "Typed with care." in page
    assert "Attached: minutes.pdf" in page and hidden_value(page, "held_document")
    assert "Too Many Requests" not in page
    assert stored() == 2


def test_the_attempts_budget_stops_a_flood_of_bad_posts_and_keeps_what_was_typed(limited_app,
                                                                                 make_body):
    body = make_body()
    client = limited_app.test_client()
    codes = [post_form(client, "/submit/resolution",
                       resolution_fields(body.id, title="", summary=f"Try {n}")).status_code
             for n in range(7)]
    assert codes == [422] * 6 + [429]
    response = post_form(client, "/submit/resolution", resolution_fields(body.id, summary="Again"))
    assert response.status_code == 429 and "Retry-After" in response.headers
    assert "Again" in response.get_data(as_text=True)


def test_correction_form_has_the_same_budget(limited_app, make_body):
    body = make_body()
    client = limited_app.test_client()
    path = f"/submit/correction/{body.slug}"
    fields = {"field": "city", "submitter_email": "pat@example.org", "submitter_role": "member",
              "send": "1"}
    codes = [post_form(client, path, {**fields, "proposed_value": f"Oakland {n}"}).status_code
             for n in range(3)]
    assert codes == [200, 200, 429]


def test_forms_and_api_share_the_submission_budget(limited_app, make_body):
    body = make_body()
    client = limited_app.test_client()
    assert client.post("/api/v1/submissions", json={"kind": "resolution"}).status_code == 422
    assert client.post("/api/v1/submissions", json=api_payload(body.id, "By API")).status_code == 201
    assert post_form(client, "/submit/resolution", resolution_fields(body.id)).status_code == 200
    refused = client.post("/api/v1/submissions", json=api_payload(body.id, "One too many"))
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert "send it again in" in refused.get_json()["message"]
    assert stored() == 2


def test_answers_to_a_reviewer_spend_attempts_from_the_same_budget(limited_app, make_submission):
    """The tracking page's answer form is a POST like the forms: a flood of empty answers is
    stopped with the page's own message and Retry-After, and nothing is stored."""
    submission, token = make_submission()
    db.session.execute(update(Submission).where(Submission.id == submission.id)
                       .values(status="needs_info", review_note="Please send the minutes."))
    db.session.commit()
    client = limited_app.test_client()
    page = f"/submissions/{token}"
    codes = [post_form(client, f"{page}/answer", {"text": ""}, tokens=form_tokens(client, page)).status_code
             for _ in range(7)]
    assert codes == [422] * 6 + [429]
    response = post_form(client, f"{page}/answer", {"text": "The minutes are on our site."},
                         tokens=form_tokens(client, page))
    assert response.status_code == 429 and 0 < int(response.headers["Retry-After"]) <= 60
    assert "Please send it again in" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).answers == []
