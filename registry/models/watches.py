"""Members who follow a body by email, and the reminders sent to them.

Private through and through: no page, export, feed or API reads these tables except the body
page's count of confirmed watchers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.database import db, utcnow
from registry.models.bodies import Body
from registry.vocab import LENGTHS


class Watch(db.Model):
    """One address following one body. Reminders go only to confirmed, still subscribed watches."""

    __tablename__ = "watches"
    __table_args__ = (UniqueConstraint("body_id", "email", name="uq_watches_body_id_email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(LENGTHS["email"]), index=True)  # lower case
    # SHA-256 of the single-use confirmation token; cleared once confirmed.
    confirm_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    confirmed_at: Mapped[datetime | None]
    unsubscribed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The language the member followed the body in (registry.languages.LANGUAGES): their emails go in it.
    language: Mapped[str] = mapped_column(String(5), default="en", server_default="en")

    body: Mapped[Body] = relationship()

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class MailStop(db.Model):
    """An address never written to again: it unsubscribed, or its mail bounced."""

    __tablename__ = "mail_stops"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(LENGTHS["email"]), unique=True)
    reason: Mapped[str] = mapped_column(String(12))  # unsubscribed | bounced
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Reminder(db.Model):
    """One follow-through reminder claimed for one watch and one six-month period. The unique
    pair is what lets two runs of the command at once send each reminder exactly once."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("watch_id", "period", name="uq_reminders_watch_id_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(10))  # the ISO date the reminder fell due
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
