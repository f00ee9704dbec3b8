"""Nothing private is kept by a cache: every page behind the login, every page built for a signed-in
reviewer, the login pages and every tracking page answer Cache-Control: private, no-store."""

from __future__ import annotations

import pytest

from tests.moderation.helpers import PDF

PRIVATE = "private, no-store"


@pytest.fixture
def with_document(make_submission):
    from registry.documents.storage import CheckedDocument

    return make_submission(document=CheckedDocument(PDF, "minutes.pdf"))


def test_an_uploaded_document_under_review_is_never_cached(reviewer_client, with_document):
    """It answered Cache-Control: public, max-age=3600: any shared cache could keep and serve it."""
    submission, _ = with_document
    with reviewer_client.get(f"/review/{submission.id}/document") as response:
        assert response.status_code == 200 and response.data == PDF
        assert response.headers["Cache-Control"] == PRIVATE


@pytest.mark.parametrize("path", ["/review", "/review?status=rejected", "/review/{id}", "/logout",
                                  "/account", "/", "/bodies", "/submit/resolution"])
def test_pages_for_a_signed_in_reviewer_are_private(reviewer_client, with_document, path):
    """The queue and decision pages sent no Cache-Control at all."""
    submission, _ = with_document
    response = reviewer_client.get(path.format(id=submission.id))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == PRIVATE


@pytest.mark.parametrize("path", ["/review", "/review/1", "/review/1/document", "/login", "/logout",
                                  "/account", "/review/1/answers/1/document"])
def test_login_pages_and_their_redirects_are_private(client, path):
    response = client.get(path)
    assert response.status_code in (200, 302)
    assert response.headers["Cache-Control"] == PRIVATE


def test_tracking_pages_and_receipts_are_private(client, make_submission, make_body):
    _, token = make_submission()
    tracking = client.get(f"/submissions/{token}")
    assert tracking.status_code == 200 and tracking.headers["Cache-Control"] == PRIVATE
    assert client.get("/submissions/not-a-token").headers["Cache-Control"] == PRIVATE
    receipt = client.post("/api/v1/submissions", json={
        "kind": "correction", "payload": {"body_id": make_body().id, "field": "city",
                                          "proposed_value": "Dayton"},
        "submitter": {"email": "pat@example.org", "role": "member"}})
    assert receipt.status_code == 201 and receipt.headers["Cache-Control"] == PRIVATE


def test_public_pages_stay_public_for_everyone_else(client, make_body):
    """Anonymous pages and API reads keep their own caching: only what is private is marked so."""
    body = make_body(slug="public-local")
    assert "private" not in client.get("/").headers.get("Cache-Control", "")
    assert "private" not in client.get(f"/bodies/{body.slug}").headers.get("Cache-Control", "")
    assert client.get("/api/v1/bodies").headers["Cache-Control"] == "public, no-cache"
