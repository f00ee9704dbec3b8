"""Bills and their lineage (each bill's predecessor in its family)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.database import db, utcnow
from registry.vocab import LENGTHS, sql_in


class Bill(db.Model):
    __tablename__ = "bills"
    __table_args__ = (CheckConstraint(sql_in("chamber", ("house", "senate", "state")), name="chamber"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(LENGTHS["bill_code"]), unique=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    congress: Mapped[int | None]
    jurisdiction: Mapped[str] = mapped_column(String(2), default="US")
    chamber: Mapped[str | None] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(LENGTHS["title"]))
    sponsor: Mapped[str | None] = mapped_column(String(LENGTHS["name"]))
    introduced_on: Mapped[date | None]
    family: Mapped[str] = mapped_column(String(60), index=True)
    predecessor_id: Mapped[int | None] = mapped_column(ForeignKey("bills.id", ondelete="SET NULL"))
    source_url: Mapped[str] = mapped_column(String(LENGTHS["url"]))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    predecessor: Mapped[Bill | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Bill {self.code}>"
