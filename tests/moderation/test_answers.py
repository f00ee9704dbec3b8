"""The tracking page names the body and shows "Decided" only once decided; a submitter answers
"needs more information" there (text, optionally a PDF), and the submission returns to the queue
marked as answered, with the answer and its document on the review page."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import func, select, update

from registry.database import db, utcnow
from registry.documents import storage
from registry.documents.storage import CheckedDocument
from registry.models import Source, Submission, SubmissionAnswer
from registry.submissions import answers, retention
from tests.moderation.helpers import PDF, decide, form_tokens, post_form


def ask(reviewer_client, submission, question="Please send the minutes of the vote."):
    response = decide(reviewer_client, submission.id, decision="needs_info", review_note=question)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()  # the anonymous client's requests share this test's session


def test_tracking_page_names_the_body_new_or_chosen(client, make_submission, make_body):
    """The tracking page names the body: the one chosen, or the new one described."""
    _, new_token = make_submission()
    body = make_body(name="Teamsters Local 2010")
    _, chosen_token = make_submission("action", body_id=body.id)
    new_page = client.get(f"/submissions/{new_token}").get_data(as_text=True)
    assert "ATU Local 1555" in new_page and "new to the registry" in new_page
    assert "Teamsters Local 2010" in client.get(f"/submissions/{chosen_token}").get_data(as_text=True)


def test_decided_appears_only_once_decided(client, reviewer_client, make_submission):
    """Asking for more information is no decision: no "Decided" line, no decision date, until
    the submission is published or rejected."""
    submission, token = make_submission()
    assert "<dt>Decided</dt>" not in client.get(f"/submissions/{token}").get_data(as_text=True)
    ask(reviewer_client, submission)
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).decided_at is None
    assert "<dt>Decided</dt>" not in client.get(f"/submissions/{token}").get_data(as_text=True)
    decide(reviewer_client, submission.id, decision="reject", review_note="Not a union body.")
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).decided_at is not None
    assert "<dt>Decided</dt>" in client.get(f"/submissions/{token}").get_data(as_text=True)


def test_submitter_answers_with_a_pdf_and_it_returns_to_the_queue(client, reviewer_client,
                                                                  make_submission, upload_folder):
    """The answer (text and PDF) is kept with the same submission, which is pending again,
    marked answered in the queue; the review page shows the answer and serves the PDF."""
    submission, token = make_submission()
    ask(reviewer_client, submission)
    page = client.get(f"/submissions/{token}").get_data(as_text=True)
    assert "Answer the reviewer" in page and "send a new" not in page
    response = send_answer(client, token,
                           {"text": "The minutes are attached: the vote was on 14 May 2019."},
                           document=PDF, filename="May minutes.pdf")
    assert response.status_code == 303 and response.headers["Location"].endswith(token)
    db.session.expire_all()
    stored = db.session.get(Submission, submission.id)
    assert stored.status == "pending" and stored.answered_at is not None and stored.is_answered
    [reply] = stored.answers
    assert reply.text.startswith("The minutes are attached")
    assert reply.question == "Please send the minutes of the vote."
    assert reply.document_sha256 == hashlib.sha256(PDF).hexdigest()
    assert storage.exists(reply.document_sha256)
    tracking = client.get(f"/submissions/{token}").get_data(as_text=True)
    assert "Your answers" in tracking and "Answer the reviewer" not in tracking
    queue = reviewer_client.get("/review").get_data(as_text=True)
    assert "Answered" in queue
    review = reviewer_client.get(f"/review/{submission.id}").get_data(as_text=True)
    assert "Answers from the submitter" in review and "the vote was on 14 May 2019" in review
    assert "May_minutes.pdf" in review
    with reviewer_client.get(f"/review/{submission.id}/answers/{reply.id}/document") as pdf:
        assert pdf.status_code == 200 and pdf.get_data() == PDF
    assert client.get(f"/review/{submission.id}/answers/{reply.id}/document").status_code == 302


def test_publishing_cites_the_pdf_sent_in_answer(client, reviewer_client, make_submission):
    """A PDF sent in answer becomes a primary source of the published record."""
    submission, token = make_submission()
    ask(reviewer_client, submission)
    send_answer(client, token, {"text": "Minutes attached."}, document=PDF)
    assert decide(reviewer_client, submission.id, decision="publish_new").status_code == 302
    source = db.session.scalar(select(Source).where(Source.document_sha256.is_not(None)))
    assert source is not None and source.document_sha256 == hashlib.sha256(PDF).hexdigest()
    assert source.is_primary


def test_bad_answers_name_the_field_and_keep_the_submission_waiting(client, reviewer_client,
                                                                    make_submission):
    """An empty answer or a file that is not a PDF is refused with the field named; the text
    typed is kept; the submission still waits for information."""
    submission, token = make_submission()
    ask(reviewer_client, submission)
    empty = send_answer(client, token, {"text": "   "})
    assert empty.status_code == 422 and 'id="text-error"' in empty.get_data(as_text=True)
    not_pdf = send_answer(client, token, {"text": "Here is the scan."},
                        document=b"\x89PNG\r\n\x1a\n", filename="scan.pdf")
    html = not_pdf.get_data(as_text=True)
    assert not_pdf.status_code == 422 and 'id="document-error"' in html and "not a PDF" in html
    assert "Here is the scan." in html
    unsent = PDF + b"% never stored\n"
    lost_pdf = send_answer(client, token, {"text": ""}, document=unsent)
    assert "attach it again" in lost_pdf.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).status == "needs_info"
    assert db.session.scalar(select(func.count()).select_from(SubmissionAnswer)) == 0
    assert not storage.exists(hashlib.sha256(unsent).hexdigest())


def test_only_a_submission_waiting_for_information_takes_an_answer(client, reviewer_client,
                                                                   make_submission):
    """No answer form on a pending submission, and a second answer (a stale tab) is refused."""
    submission, token = make_submission()
    assert "Answer the reviewer" not in client.get(f"/submissions/{token}").get_data(as_text=True)
    refused = send_answer(client, token, {"text": "Unasked"},
                        tokens={"csrf_token": _csrf(client, "/submit/resolution")})
    assert refused.status_code == 409
    assert "not waiting for more information" in refused.get_data(as_text=True)
    ask(reviewer_client, submission)
    first = send_answer(client, token, {"text": "First answer"})
    assert first.status_code == 303
    again = send_answer(client, token, {"text": "Second answer"},
                      tokens={"csrf_token": _csrf(client, "/submit/resolution")})
    assert again.status_code == 409
    assert [a.text for a in db.session.scalars(select(SubmissionAnswer))] == ["First answer"]


def test_answers_need_csrf_and_a_real_token(client, reviewer_client, make_submission):
    submission, token = make_submission()
    ask(reviewer_client, submission)
    assert client.post(f"/submissions/{token}/answer", data={"text": "x"}).status_code == 400
    unknown = send_answer(client, "not-a-token", {"text": "x"},
                          tokens={"csrf_token": _csrf(client, f"/submissions/{token}")})
    assert unknown.status_code == 404
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).status == "needs_info"


def _csrf(client, path):
    return form_tokens(client, path)["csrf_token"]


def send_answer(client, token, fields, document=None, filename="minutes.pdf", tokens=None):
    """Post the answer form of the tracking page, with the page's own CSRF token."""
    return post_form(client, f"/submissions/{token}/answer", fields, document=document,
                     filename=filename, tokens=tokens or form_tokens(client, f"/submissions/{token}"))


def test_prune_deletes_an_answer_pdf_with_its_rejected_submission(app, make_submission):
    """A PDF sent in answer follows its submission's retention: kept while it waits, deleted
    (with a note for reviewers) once the submission is rejected past the period."""
    document = CheckedDocument(PDF + b"% answer-only\n", "answer.pdf")
    submission, _ = make_submission()
    submission.status, submission.review_note = "needs_info", "Minutes please"
    db.session.commit()
    answers.answer(submission, "Attached.", document)
    db.session.commit()
    waiting = retention.prune(90, now=utcnow() + timedelta(days=200))  # pending again: kept
    assert document.sha256 not in waiting.uploads and storage.exists(document.sha256)
    db.session.execute(update(Submission).where(Submission.id == submission.id).values(
        status="rejected", decided_at=utcnow()))
    db.session.commit()
    report = retention.prune(90, now=utcnow() + timedelta(days=100))
    db.session.commit()
    retention.delete_uploads(report)
    assert report.uploads[document.sha256] == "answer.pdf"
    assert not storage.exists(document.sha256)
    db.session.expire_all()
    kept = db.session.get(Submission, submission.id)
    assert kept.answers[0].document_sha256 is None and "answer.pdf" in kept.internal_note
