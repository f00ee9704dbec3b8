"""The daily email digest of the review queue, for reviewers who asked for it on their account.

Idempotent per day: a reviewer's day is claimed (digest_sent_on) before the message goes, and
given back if it cannot be sent, so running the command twice, or twice at once, sends one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import render_template
from sqlalchemy import func, or_, select, update

from registry.database import db, utcnow
from registry.mail import MailError, send, unsubscribe_headers
from registry.main.links import site_url_for
from registry.models import Submission, User
from registry.review.services import bodies_by_id
from registry.vocab import SUBMISSION_KINDS

LISTED = 20  # the oldest waiting submissions named in the digest


@dataclass
class QueueSummary:
    pending: int
    answered: int
    needs_info: int
    oldest: list[Submission] = field(default_factory=list)  # answered ones are pending too


@dataclass
class DigestReport:
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    already: int = 0


def queue_summary() -> QueueSummary:
    counts = dict(db.session.execute(select(Submission.status, func.count()).where(
        Submission.status.in_(("pending", "needs_info"))).group_by(Submission.status)).all())
    answered = db.session.scalar(select(func.count()).select_from(Submission).where(
        Submission.status == "pending", Submission.answered_at.is_not(None)))
    oldest = list(db.session.scalars(select(Submission).where(Submission.status == "pending")
                                     .order_by(Submission.created_at, Submission.id).limit(LISTED)))
    return QueueSummary(counts.get("pending", 0), answered or 0, counts.get("needs_info", 0), oldest)


def subscribers() -> list[User]:
    return list(db.session.scalars(select(User).where(User.mail_digest.is_(True),
                                                      User.active.is_(True)).order_by(User.id)))


def compose(summary: QueueSummary, today: date) -> tuple[str, str]:
    """(subject, text): counts and the oldest waiting submissions, by number, kind, title and
    body, with links to the review pages; never who sent them."""
    lines = [(s, site_url_for("review.detail", submission_id=s.id)) for s in summary.oldest]
    text = render_template("mail/digest.txt", summary=summary, lines=lines, today=today,
                           bodies=bodies_by_id(summary.oldest), kinds=SUBMISSION_KINDS,
                           queue=site_url_for("review.index"),
                           account=site_url_for("auth.account"))
    subject = f"Review queue, {today:%d %B %Y}: {summary.pending} waiting for review"
    return subject, text


def _claim_day(user: User, today: date) -> date | None | bool:
    """Mark today's digest as sent for this reviewer unless it is; False when it already was,
    else the previous date (to give the day back if sending fails)."""
    previous = user.digest_sent_on
    claimed = db.session.execute(
        update(User).where(User.id == user.id, or_(User.digest_sent_on.is_(None),
                                                    User.digest_sent_on < today))
        .values(digest_sent_on=today).execution_options(synchronize_session=False))
    return previous if claimed.rowcount == 1 else False


def send_digests(today: date | None = None) -> DigestReport:
    """Send today's digest to every reviewer who opted in and has not had it; commits per reviewer
    (called from the command, never from a request)."""
    today = today or utcnow().date()
    report = DigestReport()
    summary = queue_summary()
    if summary.pending == 0 and summary.needs_info == 0:
        return report  # nothing waiting: no email
    subject, text = compose(summary, today)
    headers = unsubscribe_headers(site_url_for("auth.account"))
    for user in subscribers():
        previous = _claim_day(user, today)
        db.session.commit()
        if previous is False:
            report.already += 1
            continue
        try:
            send(user.email, subject, text, headers=headers)
        except MailError as error:
            db.session.execute(update(User).where(User.id == user.id)
                               .values(digest_sent_on=previous))
            db.session.commit()
            report.failed.append(f"{user.email}: {error}")
        else:
            report.sent.append(user.email)
    return report
