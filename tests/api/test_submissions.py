"""POST /api/v1/submissions: the forms' validation and moderation queue, by JSON; nothing is
published until a reviewer decides; rate-limited with the forms' budget."""

from __future__ import annotations

import copy

import pytest

from registry.api import examples
from registry.database import db
from registry.extensions import limiter
from registry.models import Resolution, Submission


@pytest.fixture
def body(make_body):
    return make_body(slug="submitting-local", state="OH")


def payload_for(body, **changes):
    data = copy.deepcopy(examples.SUBMISSION)
    data["payload"]["body_id"] = body.id
    data["payload"].update(changes)
    return data


def test_a_submission_is_queued_not_published(client, body):
    before = client.get("/api/v1/resolutions").get_json()["total"]
    response = client.post("/api/v1/submissions", json=payload_for(body))
    assert response.status_code == 201, response.get_json()
    receipt = response.get_json()
    assert receipt["status"] == "pending" and receipt["kind"] == "resolution"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Access-Control-Allow-Origin" not in response.headers
    submission = db.session.scalar(db.select(Submission))
    assert submission.status == "pending" and submission.submitter_email == "pat@example.org"
    assert submission.payload["title"] == examples.SUBMISSION["payload"]["title"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Resolution)) == 0
    assert client.get("/api/v1/resolutions").get_json()["total"] == before
    # The private tracking address works and shows the review status.
    tracking = client.get(receipt["tracking_url"].replace("http://localhost", ""))
    assert tracking.status_code == 200 and "Waiting for review" in tracking.get_data(as_text=True)
    assert "pat@example.org" not in response.get_data(as_text=True)


def test_actions_and_corrections_are_queued_too(client, body):
    action = {"kind": "action", "submitter": examples.SUBMISSION["submitter"],
              "payload": {"body_id": body.id, "kind": "rally_or_march", "occurred_on": "2019-06-01",
                          "date_precision": "day", "description": "Members marched.",
                          "participants": 40, "amount_usd": "12.50"}}
    assert client.post("/api/v1/submissions", json=action).status_code == 201
    tier = {"kind": "correction", "submitter": examples.SUBMISSION["submitter"],
            "payload": {"body_id": body.id, "field": "tier", "proposed_value": "3",
                        "explanation": "They rallied."}}
    response = client.post("/api/v1/submissions", json=tier)
    assert response.status_code == 201 and response.get_json()["kind"] == "dispute"
    kinds = set(db.session.scalars(db.select(Submission.kind)))
    assert kinds == {"action", "dispute"}


@pytest.mark.parametrize(("change", "where", "field"), [
    ({"payload": {"body_id": 999999}}, "payload", "body_id"),
    ({"payload": {"adopted_on": "2999-01-01"}}, "payload", "adopted_on"),
    ({"payload": {"stance": "maybe"}}, "payload", "stance"),
    ({"payload": {"title": ""}}, "payload", "title"),
    ({"submitter": {"email": "not-an-email"}}, "submitter", "email"),
    ({"submitter": {"credit_public": True, "name": None}}, "submitter", "name"),
    ({"submitter": {"credit_public": 0}}, "submitter", "credit_public"),
    ({"submitter": {"email": "\x00@example.org"}}, "submitter", "email"),
    ({"payload": {"summary": "NUL \x00 inside"}}, "payload", "summary"),
])
def test_invalid_submissions_name_the_field_and_store_nothing(client, body, change, where, field):
    data = payload_for(body)
    for part, values in change.items():
        data[part].update(values)
    response = client.post("/api/v1/submissions", json=data)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]["json"][where]
    assert db.session.scalar(db.select(db.func.count()).select_from(Submission)) == 0


@pytest.mark.parametrize("body_text", ['{"kind": "petition"}', "[]", "not json",
                                       '{"kind": "resolution", "payload": {}, "submitter": {}, "extra": 1}'])
def test_malformed_requests_are_refused(client, body_text):
    response = client.post("/api/v1/submissions", data=body_text, content_type="application/json")
    assert response.status_code == 422 and response.get_json()["code"] == 422


def test_only_json_is_taken(client, body):
    """A form post from another site cannot file a submission: the API takes only JSON."""
    response = client.post("/api/v1/submissions", data={"kind": "resolution"})
    assert response.status_code == 422


@pytest.fixture
def limited_app(make_app):
    """An app with small submission limits; the shared limiter is reset and switched off after."""
    app = make_app(RATELIMIT_ENABLED=True, SUBMISSION_RATE_LIMIT="2 per minute")
    yield app
    limiter.reset()
    limiter.enabled = False


def test_submissions_are_rate_limited(limited_app, body):
    client = limited_app.test_client()
    statuses = [client.post("/api/v1/submissions", json=payload_for(body, title=f"Resolution {n}"))
                .status_code for n in range(3)]
    assert statuses == [201, 201, 429]
    refused = client.post("/api/v1/submissions", json=payload_for(body))
    assert refused.get_json()["code"] == 429 and "Retry-After" in refused.headers
