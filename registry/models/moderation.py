"""The moderation side: member submissions, reviewer accounts and the revision history."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.database import db, utcnow
from registry.vocab import (
    LENGTHS,
    REVISION_ENTITIES,
    SUBMISSION_KINDS,
    SUBMISSION_STATUSES,
    SUBMITTER_ROLES,
    USER_ROLES,
    sql_in,
)


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    """A reviewer or administrator account.

    Sessions name the user by id and session token (get_id); replacing the token (logout, a new
    password, deactivation) ends every session the reviewer has, wherever its cookie is."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(sql_in("role", USER_ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(LENGTHS["email"]), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), default="reviewer")
    active: Mapped[bool] = mapped_column(default=True)
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    mail_digest: Mapped[bool] = mapped_column(default=False, server_default=false())
    digest_sent_on: Mapped[date | None]  # one digest a day, whatever runs the command

    @property
    def is_active(self) -> bool:  # Flask-Login reads this
        return self.active

    def get_id(self) -> str:  # what Flask-Login keeps in the session
        return f"{self.id}:{self.session_token}"

    def end_sessions(self) -> None:
        """Every session signed in until now stops working."""
        self.session_token = new_session_token()


class Submission(db.Model):
    """A member's submission, private until a reviewer publishes it."""

    __tablename__ = "submissions"
    __table_args__ = (
        CheckConstraint(sql_in("kind", SUBMISSION_KINDS), name="kind"),
        CheckConstraint(sql_in("status", SUBMISSION_STATUSES), name="status"),
        CheckConstraint(sql_in("submitter_role", SUBMITTER_ROLES), name="submitter_role"),
        Index("ix_submissions_status_created_at", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12), default="pending")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"), index=True)
    state: Mapped[str | None] = mapped_column(String(2), index=True)
    document_sha256: Mapped[str | None] = mapped_column(String(64))
    submitter_name: Mapped[str | None] = mapped_column(String(LENGTHS["person_name"]))
    submitter_email: Mapped[str | None] = mapped_column(String(LENGTHS["email"]))
    submitter_role: Mapped[str | None] = mapped_column(String(8))
    credit_public: Mapped[bool] = mapped_column(default=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    review_note: Mapped[str | None] = mapped_column(Text)  # shown to the submitter
    internal_note: Mapped[str | None] = mapped_column(Text)  # reviewers only
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    decided_at: Mapped[datetime | None]  # published or rejected; asking for more is no decision
    answered_at: Mapped[datetime | None]  # the submitter's last answer to "needs more information"
    # The language the member wrote in (registry.languages.LANGUAGES): their emails go in it.
    language: Mapped[str] = mapped_column(String(5), default="en", server_default="en")

    reviewer: Mapped[User | None] = relationship()
    answers: Mapped[list[SubmissionAnswer]] = relationship(
        back_populates="submission", order_by="SubmissionAnswer.id", cascade="all, delete-orphan")

    @property
    def shown_status(self) -> str:
        """The status its submitter sees: a spam catch looks pending, so a bot cannot tell."""
        return "pending" if self.status == "spam" else self.status

    @property
    def is_decided(self) -> bool:
        return self.status in ("published", "rejected")

    @property
    def is_answered(self) -> bool:
        """Back in the queue with the submitter's answer to the reviewer's question."""
        return self.status == "pending" and self.answered_at is not None


class SubmissionAnswer(db.Model):
    """The submitter's answer to "needs more information": text, and optionally a PDF."""

    __tablename__ = "submission_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"),
                                               index=True)
    question: Mapped[str | None] = mapped_column(Text)  # the reviewer's note it answers
    text: Mapped[str] = mapped_column(Text)
    document_sha256: Mapped[str | None] = mapped_column(String(64))
    document_name: Mapped[str | None] = mapped_column(String(LENGTHS["title"]))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="answers")


class Revision(db.Model):
    """One change to a published record: which fields, old → new, by whom and why."""

    __tablename__ = "revisions"
    __table_args__ = (
        CheckConstraint(sql_in("entity_type", REVISION_ENTITIES), name="entity_type"),
        Index("ix_revisions_entity", "entity_type", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(12))
    entity_id: Mapped[int]
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", ondelete="SET NULL")
    )
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reason: Mapped[str | None] = mapped_column(String(LENGTHS["reason"]))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    user: Mapped[User | None] = relationship()
    submission: Mapped[Submission | None] = relationship()


class GeocodeCache(db.Model):
    """Answers of an online geocoder, kept so each place is asked for once."""

    __tablename__ = "geocode_cache"

    id: Mapped[int] = mapped_column(primary_key=True)
    query: Mapped[str] = mapped_column(String(300), unique=True)
    provider: Mapped[str] = mapped_column(String(40))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    precision: Mapped[str | None] = mapped_column(String(8))
    address: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
