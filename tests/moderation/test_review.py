"""Reviewing: the queue, possible duplicates, and decisions that publish through the services."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from registry.database import db, utcnow
from registry.documents.storage import CheckedDocument, check_pdf
from registry.models import Action, Body, Resolution, Revision, Source, Submission
from registry.review.duplicates import possible_duplicates
from tests.moderation.helpers import PDF, decide, form_tokens


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_queue_lists_open_submissions_oldest_first_with_filters(reviewer_client, make_submission,
                                                                make_body):
    body = make_body(name="Queue Local", state="WA")
    old, _ = make_submission(title="Oldest resolution")
    old.created_at = utcnow() - timedelta(days=40)
    newer, _ = make_submission("action", body_id=body.id, description="Newer action report")
    done, _ = make_submission(title="Already rejected")
    done.status = "rejected"
    db.session.commit()
    page = reviewer_client.get("/review").get_data(as_text=True)
    assert page.index("Oldest resolution") < page.index("Newer action report")
    assert "Already rejected" not in page
    by_kind = reviewer_client.get("/review?kind=action").get_data(as_text=True)
    assert "Newer action report" in by_kind and "Oldest resolution" not in by_kind
    by_state = reviewer_client.get("/review?state=CA").get_data(as_text=True)
    assert "Oldest resolution" in by_state and "Newer action report" not in by_state
    by_age = reviewer_client.get("/review?age=30").get_data(as_text=True)
    assert "Oldest resolution" in by_age and "Newer action report" not in by_age
    rejected = reviewer_client.get("/review?status=rejected").get_data(as_text=True)
    assert "Already rejected" in rejected and "Oldest resolution" not in rejected
    assert reviewer_client.get("/review?kind=bogus").status_code == 400


def test_queue_query_count_does_not_grow(reviewer_client, make_submission, make_body, queries):
    for n in range(3):
        make_submission("action", body_id=make_body().id, description=f"Report {n}")
    with queries() as small:
        assert reviewer_client.get("/review").status_code == 200
    for n in range(20):
        make_submission("action", body_id=make_body().id, description=f"More {n}")
    with queries() as large:
        assert reviewer_client.get("/review").status_code == 200
    assert len(large) == len(small) <= 6


def test_possible_duplicates_are_ranked(make_body):
    """Same state and a similar name, or same affiliation + designation, best match first."""
    exact = make_body(name="ATU Local 1555", state="CA", city="Oakland", affiliation="ATU",
                      designation="Local 1555")
    similar = make_body(name="Amalgamated Transit Union Local 1555 Retirees", state="CA")
    elsewhere = make_body(name="ATU 1555", state="NV", affiliation="ATU", designation="Local 1555")
    make_body(name="Oakland Teachers", state="CA", city="Oakland")
    make_body(name="Amalgamated Transit Union Local 1555", state="TX")  # other state, other local
    found = possible_duplicates({"name": "Amalgamated Transit Union Local 1555", "state": "CA",
                                 "city": "Oakland", "affiliation": "atu", "designation": "local 1555"})
    assert [c.body for c in found] == [exact, elsewhere, similar]
    assert "same affiliation and designation" in found[0].reasons
    assert possible_duplicates({"name": "Nothing Alike At All", "state": "CA"}) == []


def test_detail_shows_data_sources_document_and_duplicates(reviewer_client, make_submission, make_body):
    existing = make_body(name="ATU Local 1555", state="CA", affiliation="ATU", designation="Local 1555")
    document = CheckedDocument(PDF, "minutes.pdf")
    submission, _ = make_submission(document=document, summary="Endorses <b>HR 1384</b>.")
    page = reviewer_client.get(f"/review/{submission.id}").get_data(as_text=True)
    assert "pat.member@example.org" in page  # reviewers see the private fields
    assert "Endorses &lt;b&gt;HR 1384&lt;/b&gt;." in page
    assert 'href="https://example.org/resolution"' in page
    assert f'href="/review/{submission.id}/document"' in page
    assert f'value="{existing.id}"' in page and "same affiliation and designation" in page
    with reviewer_client.get(f"/review/{submission.id}/document") as pdf:
        assert pdf.status_code == 200 and pdf.data == PDF
        assert pdf.mimetype == "application/pdf"
        assert pdf.headers["Content-Disposition"].startswith("attachment")


def test_publish_as_new_body(reviewer_client, make_submission, make_bill):
    bill = make_bill(code="HR 1384", slug="hr-1384")
    submission, _ = make_submission(bill_id=bill.id, document=CheckedDocument(PDF, "signed.pdf"),
                                    commitments=["educate_members"])
    response = decide(reviewer_client, submission.id, decision="publish_new",
                      review_note="Thank you: published.")
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    body = db.session.scalar(select(Body))
    assert (body.name, body.state, body.affiliation, body.designation) == \
        ("ATU Local 1555", "CA", "ATU", "Local 1555")
    assert body.geocode_precision == "city" and body.latitude is not None
    assert body.endorsing is True and body.evidence_level == "primary"
    resolution = db.session.scalar(select(Resolution))
    assert resolution.bill_id == bill.id and resolution.evidence_level == "primary"
    assert resolution.commitments == ["educate_members"] and resolution.credited_to is None
    assert {(s.url, s.document_sha256 is not None, s.is_primary) for s in resolution.sources} == {
        ("https://example.org/resolution", False, False), (None, True, True)}
    submission = db.session.get(Submission, submission.id)
    assert submission.status == "published" and submission.body_id == body.id
    assert submission.reviewer.email == "reviewer@example.org"
    revisions = db.session.scalars(select(Revision)).all()
    assert revisions and all(r.submission_id == submission.id and r.user_id for r in revisions)
    changed = {(r.entity_type, field) for r in revisions for field in r.changes}
    assert {("body", "name"), ("resolution", "title"), ("resolution", "source"),
            ("resolution", "evidence_level")} <= changed


def test_publish_merged_into_an_existing_body(reviewer_client, make_submission, make_body,
                                              make_resolution):
    """Merging fills the body's empty fields and the matching resolution; nothing is duplicated."""
    body = make_body(name="ATU Local 1555", state="CA", city=None, affiliation="ATU",
                     designation="Local 1555")
    general = make_resolution(body, url="https://example.org/old", adopted_on=None, date_precision=None,
                              date_kind=None)
    submission, _ = make_submission(submitter={"credit_public": True, "name": "Pat Member"})
    response = decide(reviewer_client, submission.id, decision="publish_merge", merge_into=str(body.id))
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    assert count(Body) == 1 and count(Resolution) == 1
    body = db.session.get(Body, body.id)
    assert body.city == "Oakland"
    resolution = db.session.get(Resolution, general.id)
    assert resolution.adopted_on.isoformat() == "2019-05-14" and resolution.date_precision == "day"
    assert resolution.summary == "Endorses HR 1384." and resolution.credited_to == "Pat Member"
    assert {s.url for s in resolution.sources} == {"https://example.org/old",
                                                   "https://example.org/resolution"}


def test_publish_on_a_body_given_by_its_address(reviewer_client, make_submission, make_body):
    target = make_body(name="Somewhere Else", slug="somewhere-else")
    submission, _ = make_submission()
    decide(reviewer_client, submission.id, decision="publish_merge", merge_reference="/bodies/somewhere-else")
    assert db.session.scalar(select(Resolution.body_id)) == target.id
    bad = make_submission(title="Second")[0]
    response = decide(reviewer_client, bad.id, decision="publish_merge", merge_reference="no-such-body")
    assert response.status_code == 422 and "No body in the registry" in response.get_data(as_text=True)
    assert db.session.get(Submission, bad.id).status == "pending"


def test_publish_an_action_report(reviewer_client, make_submission, make_body, make_resolution):
    body = make_body(name="Marching Local")
    make_resolution(body)
    submission, _ = make_submission("action", body_id=body.id, participants=250,
                                    submitter={"credit_public": True})
    assert decide(reviewer_client, submission.id, decision="publish_merge",
                  link_is_primary="y").status_code == 302
    db.session.expire_all()
    action = db.session.scalar(select(Action))
    assert action.kind == "rally_or_march" and action.participants == 250
    assert action.evidence_level == "primary" and action.credited_to == "Pat Member"
    assert db.session.get(Body, body.id).tier == 3


@pytest.mark.parametrize("decision,status", [("reject", "rejected"), ("needs_info", "needs_info")])
def test_reject_and_ask_for_information_need_a_note(reviewer_client, client, make_submission,
                                                   decision, status):
    submission, token = make_submission()
    response = decide(reviewer_client, submission.id, decision=decision)
    assert response.status_code == 422 and 'id="review_note-error"' in response.get_data(as_text=True)
    assert db.session.get(Submission, submission.id).status == "pending"
    decide(reviewer_client, submission.id, decision=decision, review_note="Which year was the vote?",
           internal_note="Looks like a duplicate of #3")
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).status == status
    assert count(Resolution) == 0 and count(Body) == 0
    tracking = client.get(f"/submissions/{token}").get_data(as_text=True)
    assert "Which year was the vote?" in tracking and "duplicate of #3" not in tracking


def test_needs_info_can_be_published_later_but_a_decision_is_final(reviewer_client, make_submission):
    submission, _ = make_submission()
    decide(reviewer_client, submission.id, decision="needs_info", review_note="Source please")
    assert decide(reviewer_client, submission.id, decision="publish_new").status_code == 302
    page = reviewer_client.get(f"/review/{submission.id}").get_data(as_text=True)
    assert "Record the decision" not in page  # no form on a decided submission
    again = decide_without_form(reviewer_client, submission.id)
    assert again.status_code == 422 and "decided already" in again.get_data(as_text=True)
    assert count(Body) == 1 and count(Resolution) == 1


def decide_without_form(client, submission_id):
    """Post a decision using another page's token, as a second reviewer's stale tab would."""
    tokens = form_tokens(client, "/login")
    return client.post(f"/review/{submission_id}", data={"csrf_token": tokens["csrf_token"],
                                                         "decision": "publish_new"})


def test_decisions_need_a_csrf_token(reviewer_client, make_submission):
    submission, _ = make_submission()
    response = reviewer_client.post(f"/review/{submission.id}", data={"decision": "publish_new"})
    assert response.status_code == 400
    assert db.session.get(Submission, submission.id).status == "pending" and count(Body) == 0


def test_correction_of_a_body_field_is_applied_with_a_revision(reviewer_client, make_submission,
                                                               make_body):
    body = make_body(name="Moving Local", city="Columbus", state="OH")
    submission, _ = make_submission("correction", body_id=body.id, field="city",
                                    proposed_value="Dayton", source_url="https://example.org/hall")
    response = decide(reviewer_client, submission.id, decision="publish_merge", applied_value="Dayton")
    assert response.status_code == 302
    db.session.expire_all()
    body = db.session.get(Body, body.id)
    assert body.city == "Dayton" and body.geocode_precision == "city"
    assert [s.url for s in body.sources] == ["https://example.org/hall"]
    revision = db.session.scalars(select(Revision).where(Revision.entity_type == "body")).first()
    assert revision.changes["city"] == ["Columbus", "Dayton"]


def test_correction_values_are_checked_like_any_input(reviewer_client, make_submission, make_body):
    body = make_body(name="Checked Local")
    submission, _ = make_submission("correction", body_id=body.id, field="members",
                                    proposed_value="about twelve hundred")
    response = decide(reviewer_client, submission.id, decision="publish_merge",
                      applied_value="about twelve hundred")
    assert response.status_code == 422 and 'id="applied_value-error"' in response.get_data(as_text=True)
    assert db.session.get(Submission, submission.id).status == "pending"
    decide(reviewer_client, submission.id, decision="publish_merge", applied_value="1,200")
    db.session.expire_all()
    assert db.session.get(Body, body.id).members == 1200


def test_tier_dispute_accepted_is_recorded_in_the_history(reviewer_client, client, make_submission,
                                                          make_body):
    body = make_body(name="Disputed Local", slug="disputed")
    submission, _ = make_submission("correction", body_id=body.id, field="tier",
                                    proposed_value="They struck in 2021.",
                                    source_url="https://example.org/strike")
    assert submission.kind == "dispute"
    assert decide(reviewer_client, submission.id, decision="publish_merge").status_code == 302
    page = client.get("/bodies/disputed").get_data(as_text=True)
    assert "Accepted correction: The follow-through tier (dispute)" in page
    assert f"from submission #{submission.id}, published by a reviewer" in page
    assert count(Source) == 1


def test_published_documents_are_served_as_pdf_attachments(reviewer_client, client, make_submission):
    """An upload is private until published; then anyone may download it, as an attachment."""
    document = check_pdf(io.BytesIO(PDF), "signed resolution.pdf")
    submission, _ = make_submission(document=document)
    path = f"/documents/{document.sha256}"
    assert client.get(path).status_code == 404
    decide(reviewer_client, submission.id, decision="publish_new")
    with client.get(path) as response:
        assert response.status_code == 200 and response.data == PDF
        assert response.mimetype == "application/pdf"
        assert response.headers["Content-Disposition"] == "attachment; filename=signed_resolution.pdf"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/documents/../../etc/passwd").status_code == 404
    assert client.get("/documents/" + "0" * 64).status_code == 404
