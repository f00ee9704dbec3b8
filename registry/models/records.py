"""Published records: resolutions, follow-through actions, and the sources behind them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.database import db, utcnow
from registry.followthrough.ladder import ACTION_KINDS
from registry.vocab import (
    ACTION_SCOPES,
    ADOPTION_EVIDENCE,
    DATE_KINDS,
    DATE_PRECISIONS,
    EVIDENCE_LEVELS,
    LENGTHS,
    STANCES,
    sql_in,
)

if TYPE_CHECKING:
    from registry.models.bills import Bill
    from registry.models.bodies import Body


class Resolution(db.Model):
    """A body's vote (or reported position) on Medicare for All, for a bill or in general."""

    __tablename__ = "resolutions"
    __table_args__ = (
        CheckConstraint(sql_in("stance", STANCES), name="stance"),
        CheckConstraint(sql_in("date_precision", DATE_PRECISIONS), name="date_precision"),
        CheckConstraint(sql_in("date_kind", DATE_KINDS), name="date_kind"),
        CheckConstraint(sql_in("evidence_level", EVIDENCE_LEVELS), name="evidence_level"),
        CheckConstraint(sql_in("adoption_evidence", ADOPTION_EVIDENCE), name="adoption_evidence"),
        CheckConstraint(
            "(adopted_on IS NULL AND date_precision IS NULL AND date_kind IS NULL)"
            " OR (adopted_on IS NOT NULL AND date_precision IS NOT NULL AND date_kind IS NOT NULL)",
            name="date_complete",
        ),
        # Newest-first lists (home page, feed) read this index backwards.
        Index("ix_resolutions_published_at_id", "published_at", "id"),
        # Bodies on record for or against each bill (/bills, the API) counted from the index alone.
        Index("ix_resolutions_bill_id_stance_body_id", "bill_id", "stance", "body_id"),
        # A body's resolutions in date order (a body's page, a state's resolutions newest first).
        Index("ix_resolutions_body_id_adopted_on_id", "body_id", "adopted_on", "id"),
        # Newest first by date (the home page): the order of the index.
        Index("ix_resolutions_adopted_on_id", "adopted_on", "id"),
        # Supporting resolutions counted per date (the gap page's years) from the index alone.
        Index("ix_resolutions_stance_adopted_on", "stance", "adopted_on"),
        # The bill families of the bodies a search or filter matched, read from the index alone.
        Index("ix_resolutions_body_id_stance_bill_id", "body_id", "stance", "bill_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"))
    bill_id: Mapped[int | None] = mapped_column(ForeignKey("bills.id"))
    bill_as_reported: Mapped[str | None] = mapped_column(String(LENGTHS["bill_as_reported"]))
    stance: Mapped[str] = mapped_column(String(8), default="support")
    # The vote date when known (date_kind "adopted"), else the date it was first reported.
    adopted_on: Mapped[date | None] = mapped_column()
    date_precision: Mapped[str | None] = mapped_column(String(5))
    date_kind: Mapped[str | None] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(LENGTHS["title"]))
    summary: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    commitments: Mapped[list[str]] = mapped_column(JSON, default=list)
    evidence_level: Mapped[str] = mapped_column(String(10), default="reported", index=True)
    adoption_evidence: Mapped[str] = mapped_column(String(8), default="report")
    credited_to: Mapped[str | None] = mapped_column(String(LENGTHS["person_name"]))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    body: Mapped[Body] = relationship(back_populates="resolutions")
    bill: Mapped[Bill | None] = relationship()
    sources: Mapped[list[Source]] = relationship(
        back_populates="resolution", cascade="all, delete-orphan", order_by="Source.id"
    )
    actions: Mapped[list[Action]] = relationship(back_populates="resolution")


class Action(db.Model):
    """One follow-through step a body took (or a counter-action, or a dated check-in)."""

    __tablename__ = "actions"
    __table_args__ = (
        CheckConstraint(sql_in("kind", ACTION_KINDS), name="kind"),
        CheckConstraint(sql_in("date_precision", DATE_PRECISIONS), name="date_precision"),
        CheckConstraint(sql_in("evidence_level", EVIDENCE_LEVELS), name="evidence_level"),
        CheckConstraint(sql_in("scope", ACTION_SCOPES), name="scope"),
        CheckConstraint("(occurred_on IS NULL) = (date_precision IS NULL)", name="date_complete"),
        CheckConstraint("participants >= 0", name="participants"),
        CheckConstraint("amount_usd >= 0", name="amount_usd"),
        Index("ix_actions_body_id_occurred_on", "body_id", "occurred_on"),
        Index("ix_actions_published_at_id", "published_at", "id"),
        # Date order for lists; with kind and scope, actions counted per date from the index alone.
        Index("ix_actions_occurred_on_id_kind_scope", "occurred_on", "id", "kind", "scope"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"))
    resolution_id: Mapped[int | None] = mapped_column(
        ForeignKey("resolutions.id", ondelete="SET NULL"), index=True
    )
    bill_id: Mapped[int | None] = mapped_column(ForeignKey("bills.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    scope: Mapped[str] = mapped_column(String(16), default="single_payer")
    occurred_on: Mapped[date | None]
    date_precision: Mapped[str | None] = mapped_column(String(5))
    description: Mapped[str] = mapped_column(Text)
    participants: Mapped[int | None]
    amount_usd: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    evidence_level: Mapped[str] = mapped_column(String(10), default="reported", index=True)
    credited_to: Mapped[str | None] = mapped_column(String(LENGTHS["person_name"]))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    body: Mapped[Body] = relationship(back_populates="actions")
    resolution: Mapped[Resolution | None] = relationship(back_populates="actions")
    bill: Mapped[Bill | None] = relationship()
    sources: Mapped[list[Source]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="Source.id"
    )


class Source(db.Model):
    """A citation: a public URL and/or an uploaded PDF, attached to exactly one record."""

    __tablename__ = "sources"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN body_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN resolution_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN action_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_owner",
        ),
        CheckConstraint("url IS NOT NULL OR document_sha256 IS NOT NULL", name="url_or_document"),
        UniqueConstraint("body_id", "url"),
        UniqueConstraint("resolution_id", "url"),
        UniqueConstraint("action_id", "url"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    resolution_id: Mapped[int | None] = mapped_column(
        ForeignKey("resolutions.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str | None] = mapped_column(String(LENGTHS["url"]))
    archived_url: Mapped[str | None] = mapped_column(String(LENGTHS["url"]))
    document_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    document_name: Mapped[str | None] = mapped_column(String(LENGTHS["title"]))
    title: Mapped[str | None] = mapped_column(String(LENGTHS["title"]))
    publisher: Mapped[str | None] = mapped_column(String(LENGTHS["publisher"]))
    # A signed resolution, minutes or an officer letter: makes the record's evidence "primary".
    is_primary: Mapped[bool] = mapped_column(default=False)
    published_on: Mapped[date | None]
    accessed_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    body: Mapped[Body | None] = relationship(back_populates="sources")
    resolution: Mapped[Resolution | None] = relationship(back_populates="sources")
    action: Mapped[Action | None] = relationship(back_populates="sources")

    @property
    def label(self) -> str:
        return self.title or self.publisher or self.url or self.document_name or "document"


class RecordYear(db.Model):
    """How many resolutions (by stance) and actions (by kind and scope) fall in each year, kept
    by triggers in the database on every insert, update and delete of a resolution or an action
    (migration f3a8d1c6b294), so the yearly activity of the whole registry is read from a few
    rows rather than counted over every record after each publication."""

    __tablename__ = "record_years"

    record: Mapped[str] = mapped_column(String(12), primary_key=True)  # resolutions | actions
    category: Mapped[str] = mapped_column(String(32), primary_key=True)  # the stance or the kind
    scope: Mapped[str] = mapped_column(String(16), primary_key=True)  # "" for resolutions
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # 0: undated
    n: Mapped[int] = mapped_column(default=0)
