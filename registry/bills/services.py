"""Bills, their lineage and who endorsed them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from registry.cache import versioned
from registry.database import db
from registry.models import Bill, Body, Resolution


@dataclass(frozen=True)
class BillSummary:
    code: str
    slug: str
    congress: int | None
    chamber: str | None
    title: str
    sponsor: str | None
    introduced_on: date | None
    predecessor: str | None
    endorsers: int


@versioned
def families() -> dict[str, list[BillSummary]]:
    """Every bill with its count of endorsing bodies, grouped by family in lineage order."""
    endorsers = (select(Resolution.bill_id, func.count(func.distinct(Resolution.body_id)).label("n"))
                 .where(Resolution.stance == "support").group_by(Resolution.bill_id).subquery())
    rows = db.session.execute(
        select(Bill, func.coalesce(endorsers.c.n, 0)).outerjoin(endorsers, endorsers.c.bill_id == Bill.id)
        .options(selectinload(Bill.predecessor)).order_by(Bill.family, Bill.congress, Bill.id)
    ).all()
    grouped: dict[str, list[BillSummary]] = {}
    for bill, count in rows:
        grouped.setdefault(bill.family, []).append(BillSummary(
            bill.code, bill.slug, bill.congress, bill.chamber, bill.title, bill.sponsor,
            bill.introduced_on, bill.predecessor.code if bill.predecessor else None, count))
    return grouped


@versioned
def unnumbered_endorsers() -> int:
    """Bodies with a supporting resolution that names no bill number."""
    return db.session.scalar(
        select(func.count(func.distinct(Resolution.body_id)))
        .where(Resolution.stance == "support", Resolution.bill_id.is_(None))
    ) or 0


@dataclass
class BillPage:
    bill: Bill
    successor: Bill | None
    resolutions: list[Resolution]


def bill_page(slug: str) -> BillPage | None:
    bill = db.session.scalar(select(Bill).where(Bill.slug == slug)
                             .options(selectinload(Bill.predecessor)))
    if bill is None:
        return None
    successor = db.session.scalar(select(Bill).where(Bill.predecessor_id == bill.id))
    resolutions = list(db.session.scalars(
        select(Resolution).join(Body).where(Resolution.bill_id == bill.id)
        .options(selectinload(Resolution.body), selectinload(Resolution.sources))
        .order_by(Body.name, Resolution.id)
    ))
    return BillPage(bill, successor, resolutions)


def slug_for_code(code: str) -> str | None:
    """The slug of a bill given by its code in any spacing or case ("hr676", "HR 676")."""
    compact = code.replace(" ", "").replace(".", "").upper()
    return db.session.scalar(
        select(Bill.slug).where(func.upper(func.replace(Bill.code, " ", "")) == compact)
    )
