"""Follow-through checks: a dated record that someone researched one body's follow-through."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.database import db, utcnow
from registry.vocab import CHECK_RESULTS, CHECKERS, LENGTHS, sql_in

if TYPE_CHECKING:
    from registry.models.bodies import Body


class Check(db.Model):
    """What separates "paper only" (a dated check found nothing) from "not yet checked"."""

    __tablename__ = "checks"
    __table_args__ = (
        CheckConstraint(sql_in("result", CHECK_RESULTS), name="result"),
        CheckConstraint(sql_in("checked_by", CHECKERS), name="checked_by"),
        Index("ix_checks_body_id_checked_on", "body_id", "checked_on"),
        Index("ix_checks_published_at_id", "published_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"))
    checked_on: Mapped[date]
    checked_by: Mapped[str] = mapped_column(String(12))  # a role, never a person, in public
    # Where they looked: one source, archive or search per line (addresses or plain words).
    searched: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str | None] = mapped_column(Text)
    credited_to: Mapped[str | None] = mapped_column(String(LENGTHS["person_name"]))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    body: Mapped[Body] = relationship(back_populates="checks")

    @property
    def searched_items(self) -> list[str]:
        return [line.strip() for line in self.searched.splitlines() if line.strip()]
