"""Fixtures for submissions and review: reviewer accounts, stored submissions, upload folder."""

from __future__ import annotations

import os

import pytest
from flask.testing import FlaskClient

from registry.accounts.services import create_user
from registry.database import db
from registry.submissions import services as submissions
from tests.moderation.helpers import PASSWORD, login


@pytest.fixture
def make_reviewer(app):
    def build(email: str = "reviewer@example.org", role: str = "reviewer"):
        user = create_user(email, PASSWORD, role)
        db.session.commit()
        return user

    return build


class IsolatedClient(FlaskClient):
    """A client whose every request runs in its own application context, as in production.

    Requests of the plain test client reuse the test's application context, and with it `g`,
    where Flask-WTF caches the CSRF token and Flask-Login the signed-in user: a second client
    in the same test would share both."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def reviewer_client(app, make_reviewer):
    """A test client signed in as a reviewer, kept apart from the anonymous `client`."""
    reviewer = make_reviewer()
    client = IsolatedClient(app, app.response_class, use_cookies=True)
    response = login(client, reviewer.email)
    assert response.status_code == 302, response.get_data(as_text=True)
    client.reviewer = reviewer
    return client


SUBMITTER = {"name": "Pat Member", "email": "pat.member@example.org", "role": "member",
             "credit_public": False}


@pytest.fixture
def make_submission(app):
    """Store a submission through the service, as the forms do; returns (submission, token)."""

    def build(kind: str = "resolution", submitter: dict | None = None, document=None, **payload):
        defaults = {
            "resolution": {"stance": "support", "adopted_on": "2019-05-14", "date_precision": "day",
                           "title": "Resolution for single payer", "summary": "Endorses HR 1384.",
                           "source_url": "https://example.org/resolution"},
            "action": {"kind": "rally_or_march", "occurred_on": "2020-02-01",
                       "date_precision": "month", "description": "A march to the capitol.",
                       "source_url": "https://example.org/rally"},
            "correction": {"field": "city", "proposed_value": "Oakland"},
        }[kind]
        if kind != "correction" and "body_id" not in payload and "new_body" not in payload:
            payload["new_body"] = {"name": "ATU Local 1555", "level": "local", "state": "CA",
                                   "affiliation": "ATU", "designation": "Local 1555", "city": "Oakland"}
        receipt = submissions.submit(kind, {**defaults, **payload}, {**SUBMITTER, **(submitter or {})},
                                     document)
        db.session.commit()
        return receipt.submission, receipt.token

    return build


@pytest.fixture
def upload_folder(app):
    return app.config["UPLOAD_FOLDER"]


def stored_files(folder: str) -> list[str]:
    found = []
    for root, _dirs, files in os.walk(folder):
        found += [os.path.join(root, name) for name in files]
    return found
