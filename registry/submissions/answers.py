"""The submitter's answer to a reviewer who needs more information: kept with the submission,
which goes back to the review queue marked as answered. Nothing here commits."""

from __future__ import annotations

from sqlalchemy import update

from registry.database import db, utcnow
from registry.documents import storage
from registry.documents.storage import CheckedDocument
from registry.models import Submission, SubmissionAnswer
from registry.text import N_

# Shown to the submitter, translated by the page (registry.submissions.views).
TAKEN_UP = N_("This submission is not waiting for more information any more: a reviewer has "
              "taken it up again.")


class AnswerError(ValueError):
    """The submission is not waiting for an answer (decided, or answered already)."""


def answer(submission: Submission, text: str, document: CheckedDocument | None = None
           ) -> SubmissionAnswer:
    """Attach the answer (and its PDF, stored) and put the submission back in the queue."""
    # One conditional UPDATE: two answers sent at once, or an answer racing a reviewer's
    # decision, cannot both move the submission.
    moved = db.session.execute(
        update(Submission)
        .where(Submission.id == submission.id, Submission.status == "needs_info")
        .values(status="pending", answered_at=utcnow(), updated_at=utcnow())
        .execution_options(synchronize_session=False))
    if moved.rowcount != 1:
        raise AnswerError(TAKEN_UP)
    question = submission.review_note
    db.session.refresh(submission)
    if document is not None:
        storage.store(document)
    reply = SubmissionAnswer(submission=submission, question=question, text=text.strip(),
                             document_sha256=document.sha256 if document else None,
                             document_name=document.name if document else None)
    db.session.add(reply)
    db.session.flush()
    return reply


def get_answer(submission: Submission, answer_id: int) -> SubmissionAnswer | None:
    found = db.session.get(SubmissionAnswer, answer_id)
    return found if found is not None and found.submission_id == submission.id else None
