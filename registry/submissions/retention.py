"""How long the registry keeps what members sent but never became public: uploads of rejected and
abandoned submissions, files nothing refers to, and spam caught by the forms' trap.

After the retention period (`flask submissions prune --days N`):
- a stored PDF (sent with a submission or with an answer to a reviewer) is deleted when no
  published record cites it and every submission holding it is
  rejected, abandoned (waiting for more information and untouched) or spam, since N days; the
  submission keeps its data and an internal note saying which file was deleted and when;
- a stored PDF that nothing refers to (a crash between storing and committing) is deleted once
  its file is N days old;
- spam submissions are deleted N days after they arrived.
Pending submissions and anything a published record cites are never touched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_, select

from registry.database import db, utcnow
from registry.documents import storage
from registry.models import Source, Submission, SubmissionAnswer

DEFAULT_RETENTION_DAYS = 90


@dataclass
class PruneReport:
    uploads: dict[str, str] = field(default_factory=dict)  # sha256 → names it was uploaded as
    spam: int = 0


def _past_retention(cutoff: datetime):
    """Submissions whose upload is no longer needed: rejected, abandoned or spam since cutoff."""
    return or_(
        (Submission.status == "rejected") & (Submission.decided_at < cutoff),
        (Submission.status == "needs_info") & (Submission.updated_at < cutoff),
        (Submission.status == "spam") & (Submission.created_at < cutoff),
    )


def _stored_hashes() -> Iterator[str]:
    for _root, _dirs, files in os.walk(storage.upload_folder()):
        for name in files:
            sha256 = name.removesuffix(".pdf")
            if name.endswith(".pdf") and storage.SHA256.match(sha256):
                yield sha256


def _upload_name(submission: Submission) -> str:
    return (submission.payload.get("document") or {}).get("name") or "upload"


def prune(days: int, *, dry_run: bool = False, now: datetime | None = None) -> PruneReport:
    """Find what is past retention (see the module's docstring) and, unless a dry run, change the
    database accordingly (flushed, not committed). The files go with delete_uploads(), once the
    database changes are committed."""
    now = now or utcnow()
    cutoff = now - timedelta(days=days)
    report = PruneReport()
    held = select(Submission.document_sha256).where(Submission.document_sha256.is_not(None))
    # PDFs sent in answer to a reviewer's question share their submission's fate.
    held_by_answers = select(SubmissionAnswer.document_sha256).join(Submission).where(
        SubmissionAnswer.document_sha256.is_not(None))
    cited = set(db.session.scalars(select(Source.document_sha256).where(
        Source.document_sha256.is_not(None))))
    still_needed = set(db.session.scalars(held.where(~_past_retention(cutoff)))) | set(
        db.session.scalars(held_by_answers.where(~_past_retention(cutoff))))
    expired = list(db.session.scalars(select(Submission).where(
        Submission.document_sha256.is_not(None), _past_retention(cutoff)).order_by(Submission.id)))
    expired_answers = list(db.session.scalars(select(SubmissionAnswer).join(Submission).where(
        SubmissionAnswer.document_sha256.is_not(None), _past_retention(cutoff))
        .order_by(SubmissionAnswer.id)))
    doomed = ({s.document_sha256 for s in expired} | {a.document_sha256 for a in expired_answers}) \
        - cited - still_needed
    names: dict[str, set[str]] = {}
    for submission in expired:
        if submission.document_sha256 in doomed:
            names.setdefault(submission.document_sha256, set()).add(_upload_name(submission))
    for reply in expired_answers:
        if reply.document_sha256 in doomed:
            names.setdefault(reply.document_sha256, set()).add(reply.document_name or "upload")
    referred = cited | set(db.session.scalars(held)) | set(db.session.scalars(held_by_answers))
    oldest = cutoff.replace(tzinfo=UTC).timestamp()  # the database's naive times are UTC
    orphans = {sha for sha in _stored_hashes()
               if sha not in referred and os.path.getmtime(storage.path_for(sha)) < oldest}
    report.uploads = {sha: ", ".join(sorted(names.get(sha, {"(no submission)"})))
                      for sha in sorted(doomed | orphans)}
    spam = list(db.session.scalars(select(Submission.id).where(
        Submission.status == "spam", Submission.created_at < cutoff)))
    report.spam = len(spam)
    if dry_run:
        return report
    for submission in expired:
        if submission.document_sha256 in doomed:
            _forget_upload(submission, days, now)
    for reply in expired_answers:
        if reply.document_sha256 in doomed:
            _forget_answer_upload(reply, days, now)
    db.session.execute(delete(Submission).where(Submission.id.in_(spam)))
    db.session.flush()
    return report


def _forget_upload(submission: Submission, days: int, now: datetime) -> None:
    """The submission keeps its data, and a note for reviewers in place of the file."""
    note = (f"Upload {_upload_name(submission)} deleted on {now:%Y-%m-%d}, {days} days after the "
            "submission was last decided or touched (flask submissions prune).")
    submission.internal_note = "\n".join(filter(None, (submission.internal_note, note)))
    submission.payload = {k: v for k, v in submission.payload.items() if k != "document"}
    submission.document_sha256 = None


def _forget_answer_upload(reply: SubmissionAnswer, days: int, now: datetime) -> None:
    submission = reply.submission
    note = (f"Upload {reply.document_name or 'upload'} of the answer of {reply.created_at:%Y-%m-%d} "
            f"deleted on {now:%Y-%m-%d}, {days} days after the submission was last decided or "
            "touched (flask submissions prune).")
    submission.internal_note = "\n".join(filter(None, (submission.internal_note, note)))
    reply.document_sha256 = None


def delete_uploads(report: PruneReport) -> None:
    """Remove the files prune() found, after its database changes are committed (so no record is
    left pointing at a missing file if the commit fails)."""
    for sha256 in report.uploads:
        if storage.exists(sha256):
            os.remove(storage.path_for(sha256))
