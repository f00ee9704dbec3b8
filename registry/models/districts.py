"""Congressional districts: House seats, who held them, who cosponsored each Congress's Medicare
for All bill, which ZIP areas lie in which district, and which bodies are in which district.

Loaded from the public-domain files in seeds/congress/ by `flask districts load` (and `seed`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.database import db, utcnow
from registry.vocab import LENGTHS, sql_in

if TYPE_CHECKING:
    from registry.models.bills import Bill
    from registry.models.bodies import Body

# How a body's district was found: its ZIP's area, its city's ZIP areas, or its exact position
# among the ZIP areas around it (a ZIP spanning several districts).
DISTRICT_BASES = ("zip", "city", "coordinates")


class District(db.Model):
    """One House seat of one district map: `OR-3`, `VT-AL` (number 0: at-large or delegate)."""

    __tablename__ = "districts"
    __table_args__ = (
        UniqueConstraint("congress", "code"),
        CheckConstraint("number BETWEEN 0 AND 99", name="number"),
        Index("ix_districts_state_number", "state", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    congress: Mapped[int]
    code: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(2))
    number: Mapped[int]
    # The mean position of its ZIP areas: where the map puts its marker (no shapes are shipped).
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    zip_areas: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<District {self.code} ({self.congress})>"


class HouseTerm(db.Model):
    """A member's term in a House seat, as the legislators' records list it."""

    __tablename__ = "house_terms"
    __table_args__ = (
        UniqueConstraint("bioguide_id", "state", "number", "start_on"),
        Index("ix_house_terms_state_number_start_on", "state", "number", "start_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bioguide_id: Mapped[str] = mapped_column(String(7), index=True)
    name: Mapped[str] = mapped_column(String(LENGTHS["person_name"]))
    party: Mapped[str | None] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(2))
    number: Mapped[int]
    start_on: Mapped[date]
    # The scheduled end: a member who left early keeps it, until a successor's term starts.
    end_on: Mapped[date]


class Cosponsorship(db.Model):
    """A representative's cosponsorship of a Medicare for All bill."""

    __tablename__ = "cosponsorships"
    __table_args__ = (UniqueConstraint("bill_id", "bioguide_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"), index=True)
    congress: Mapped[int]
    bioguide_id: Mapped[str] = mapped_column(String(7), index=True)
    name: Mapped[str] = mapped_column(String(LENGTHS["person_name"]))
    party: Mapped[str | None] = mapped_column(String(2))
    state: Mapped[str] = mapped_column(String(2))
    number: Mapped[int]
    cosponsored_on: Mapped[date]
    original: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(LENGTHS["url"]))

    bill: Mapped[Bill] = relationship()


class ZipDistrict(db.Model):
    """A ZIP Code Tabulation Area lying (partly) in a district."""

    __tablename__ = "zip_districts"

    zcta: Mapped[str] = mapped_column(String(5), primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id", ondelete="CASCADE"),
                                             primary_key=True, index=True)


class BodyDistrict(db.Model):
    """A district a body is in (`certain`) or may be in (one of several candidates)."""

    __tablename__ = "body_districts"
    __table_args__ = (
        CheckConstraint(sql_in("basis", DISTRICT_BASES), name="basis"),
        Index("ix_body_districts_district_id_certain", "district_id", "certain"),
    )

    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id", ondelete="CASCADE"),
                                             primary_key=True)
    certain: Mapped[bool] = mapped_column(default=True)
    basis: Mapped[str] = mapped_column(String(12))

    body: Mapped[Body] = relationship(back_populates="district_links")
    district: Mapped[District] = relationship()


class DistrictDataLoad(db.Model):
    """One `districts load` that changed something: which files (by SHA-256) and what changed.

    Its id is part of the registry's data version, so cached figures follow a reload."""

    __tablename__ = "district_data_loads"

    id: Mapped[int] = mapped_column(primary_key=True)
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    congress: Mapped[int]
    files: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[str] = mapped_column(Text)
