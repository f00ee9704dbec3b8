"""Union bodies and their stored follow-through status."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.database import db, utcnow
from registry.vocab import (
    ADOPTION_EVIDENCE,
    EVIDENCE_LEVELS,
    GEOCODE_PRECISIONS,
    LENGTHS,
    LEVELS,
    ORGANIZATION_TYPES,
    sql_in,
)

if TYPE_CHECKING:
    from registry.models.checks import Check
    from registry.models.districts import BodyDistrict
    from registry.models.records import Action, Resolution, Source

# Joins the families of Body.bill_families (the ASCII unit separator, which no family holds).
FAMILY_SEPARATOR = "\x1f"


class Body(db.Model):
    """A union body: a local, council, federation or national union."""

    __tablename__ = "bodies"
    __table_args__ = (
        CheckConstraint(sql_in("level", LEVELS), name="level"),
        CheckConstraint(sql_in("geocode_precision", GEOCODE_PRECISIONS), name="geocode_precision"),
        CheckConstraint(sql_in("evidence_level", EVIDENCE_LEVELS), name="evidence_level"),
        CheckConstraint(sql_in("organization_type", ORGANIZATION_TYPES), name="organization_type"),
        CheckConstraint(sql_in("adoption_evidence", ADOPTION_EVIDENCE), name="adoption_evidence"),
        CheckConstraint("tier BETWEEN 0 AND 4", name="tier"),
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude"),
        CheckConstraint("members >= 0", name="members"),
        CheckConstraint("members_year BETWEEN 1800 AND 2200", name="members_year"),
        # The organizer finder's box of latitude and longitude, answered from the index alone,
        # whatever its prospect, level or affiliation filter.
        Index("ix_bodies_organizer_box", "latitude", "longitude", "geocode_precision", "endorsing",
              "checked", "tier", "active_without_resolution", "last_activity_on", "level",
              "affiliation", "id"),
        Index("ix_bodies_endorsing_tier", "endorsing", "tier"),
        # Bodies placed only "somewhere in a state", listed apart by the organizer finder.
        Index("ix_bodies_state_geocode_precision_name", "state", "geocode_precision", "name", "id"),
        # Gap figures (home, map, gap page) counted from the index alone, grouped by state and level.
        Index("ix_bodies_gap_figures", "organization_type", "state", "level", "endorsing", "checked",
              "tier", "members"),
        # The same figures per affiliation (the gap page's chart), and the affiliation filter.
        Index("ix_bodies_affiliation_gap_figures", "affiliation", "organization_type", "endorsing",
              "checked", "tier", "members"),
        # Every facet of the explore view, in the order one grouped pass reads them (see
        # registry.bodies.facets): any filter's facets come from the index alone.
        Index("ix_bodies_facets", "state", "level", "affiliation", "tier", "evidence_level", "checked",
              "endorsing", "active_without_resolution", "bill_families"),
        # Checked bodies, and the tier facet (the tiers of checked bodies endorsing or acting).
        Index("ix_bodies_checked_tier", "checked", "tier", "endorsing", "active_without_resolution"),
        # The bill-family facet, alone or under the dormant filter, from the index alone.
        Index("ix_bodies_bill_families", "bill_families", "last_activity_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(LENGTHS["slug"]), unique=True)
    name: Mapped[str] = mapped_column(String(LENGTHS["name"]), index=True)
    level: Mapped[str] = mapped_column(String(32), index=True)
    organization_type: Mapped[str] = mapped_column(String(8), default="union")
    affiliation: Mapped[str | None] = mapped_column(String(LENGTHS["affiliation"]))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("bodies.id", ondelete="SET NULL"), index=True
    )
    olms_file_number: Mapped[int | None] = mapped_column(unique=True)
    designation: Mapped[str | None] = mapped_column(String(LENGTHS["designation"]))
    city: Mapped[str | None] = mapped_column(String(LENGTHS["city"]))
    state: Mapped[str | None] = mapped_column(String(2), index=True)
    zip: Mapped[str | None] = mapped_column(String(LENGTHS["zip"]))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    geocode_precision: Mapped[str | None] = mapped_column(String(8))
    members: Mapped[int | None]
    members_source_url: Mapped[str | None] = mapped_column(String(LENGTHS["url"]))
    members_year: Mapped[int | None]  # the year the membership figure refers to
    website: Mapped[str | None] = mapped_column(String(LENGTHS["url"]))
    public_contact: Mapped[str | None] = mapped_column(String(LENGTHS["contact"]))

    # Follow-through status, kept current by registry.followthrough.status from published
    # records only, so lists, filters and gap figures are plain indexed SQL.
    endorsing: Mapped[bool] = mapped_column(default=False)
    tier: Mapped[int] = mapped_column(default=0, index=True)
    retreat: Mapped[bool] = mapped_column(default=False)
    active_without_resolution: Mapped[bool] = mapped_column(default=False)
    first_resolution_on: Mapped[date | None] = mapped_column(index=True)
    last_activity_on: Mapped[date | None] = mapped_column(index=True)
    # How precisely those two dates are known (day, month or year): a year-only resolution is
    # stored as a day of that year, but shown as the year.
    first_resolution_precision: Mapped[str | None] = mapped_column(String(5))
    last_activity_precision: Mapped[str | None] = mapped_column(String(5))
    evidence_level: Mapped[str | None] = mapped_column(String(10), index=True)
    # Strongest evidence of adoption among its supporting resolutions (roster < report < record).
    adoption_evidence: Mapped[str | None] = mapped_column(String(8), index=True)
    # Checked: a published follow-through check or any published action is on record.
    checked: Mapped[bool] = mapped_column(default=False)
    last_checked_on: Mapped[date | None]
    # The bill families its supporting resolutions name (`general` for none), sorted and joined by
    # FAMILY_SEPARATOR; NULL without one. Kept by database triggers on resolutions and bills
    # (migration c4f7a2e9d851), never written by the application.
    bill_families: Mapped[str | None] = mapped_column(String(400))

    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    parent: Mapped[Body | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Body]] = relationship(back_populates="parent")
    resolutions: Mapped[list[Resolution]] = relationship(
        back_populates="body", cascade="all, delete-orphan"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="body", cascade="all, delete-orphan"
    )
    sources: Mapped[list[Source]] = relationship(
        back_populates="body", cascade="all, delete-orphan"
    )
    checks: Mapped[list[Check]] = relationship(
        back_populates="body", cascade="all, delete-orphan", order_by="Check.checked_on.desc()"
    )
    # The congressional district(s) of the current map it is (or may be) in: registry.districts.
    district_links: Mapped[list[BodyDistrict]] = relationship(
        back_populates="body", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Body {self.slug}>"
