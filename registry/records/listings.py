"""Queries behind the record listings (resolutions, actions, bills) shared by the API, the pages
and the exports: each filter of records/schemas.py means one thing, here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from registry.bodies.schemas import GENERAL_FAMILY
from registry.bodies.services import PAGING, filtered_bodies
from registry.cache import versioned
from registry.database import db
from registry.followthrough.ladder import ACTION_KINDS
from registry.models import Action, Bill, Body, DistrictDataLoad, Resolution, Revision

BODY_FILTERS = ("state", "level", "affiliation", "tier")
MAX_PER_PAGE = 200


def _bill_condition(column, filters: dict[str, Any]) -> list:
    """Conditions on a record's bill_id for the `bill` (code or slug) and `bill_family` filters."""
    conditions = []
    if filters.get("bill"):
        wanted = filters["bill"].lower()
        conditions.append(column.in_(select(Bill.id).where(
            or_(func.lower(Bill.code) == wanted, func.lower(Bill.slug) == wanted))))
    if filters.get("bill_family"):
        if filters["bill_family"] == GENERAL_FAMILY:
            conditions.append(column.is_(None))
        else:
            conditions.append(column.in_(select(Bill.id).where(Bill.family == filters["bill_family"])))
    return conditions


def _record_conditions(model, filters: dict[str, Any]) -> list:
    """Conditions shared by resolutions and actions: the body's attributes (meaning exactly what
    they mean in the body listing), the bill, the evidence and the publication time."""
    conditions = []
    body_filters = {name: filters.get(name) for name in BODY_FILTERS}
    if any(value is not None for value in body_filters.values()):
        matching = filtered_bodies(body_filters).with_only_columns(Body.id)
        conditions.append(model.body_id.in_(matching))
    if filters.get("body"):
        conditions.append(model.body_id.in_(select(Body.id).where(Body.slug == filters["body"])))
    conditions += _bill_condition(model.bill_id, filters)
    if filters.get("evidence"):
        conditions.append(model.evidence_level == filters["evidence"])
    if filters.get("published_since"):
        conditions.append(model.published_at >= filters["published_since"])
    return conditions


def filtered_resolutions(filters: dict[str, Any]) -> Select:
    """Resolutions matching ResolutionFilterSchema's filters."""
    conditions = _record_conditions(Resolution, filters)
    if filters.get("stance"):
        conditions.append(Resolution.stance == filters["stance"])
    if filters.get("adoption_evidence"):
        conditions.append(Resolution.adoption_evidence == filters["adoption_evidence"])
    if filters.get("adopted_from"):
        conditions.append(Resolution.adopted_on >= filters["adopted_from"])
    if filters.get("adopted_to"):
        conditions.append(Resolution.adopted_on <= filters["adopted_to"])
    return select(Resolution).where(*conditions)


def filtered_actions(filters: dict[str, Any]) -> Select:
    """Actions matching ActionFilterSchema's filters."""
    conditions = _record_conditions(Action, filters)
    if filters.get("kind"):
        conditions.append(Action.kind == filters["kind"])
    if filters.get("scope"):
        conditions.append(Action.scope == filters["scope"])
    if filters.get("rung") is not None:
        conditions.append(Action.kind.in_(
            [code for code, kind in ACTION_KINDS.items() if kind.rung == filters["rung"]]))
    if filters.get("counter") is not None:
        counters = [code for code, kind in ACTION_KINDS.items() if kind.is_counter]
        conditions.append(Action.kind.in_(counters) if filters["counter"]
                          else Action.kind.not_in(counters))
    if filters.get("occurred_from"):
        conditions.append(Action.occurred_on >= filters["occurred_from"])
    if filters.get("occurred_to"):
        conditions.append(Action.occurred_on <= filters["occurred_to"])
    return select(Action).where(*conditions)


RESOLUTION_ORDERINGS = {
    # Newest first, the undated last: the order of an index on both engines.
    "adopted": (Resolution.adopted_on.desc().nulls_last(), Resolution.id.desc()),
    "published": (Resolution.published_at.desc(), Resolution.id.desc()),
    "body": (select(Body.name).where(Body.id == Resolution.body_id).scalar_subquery(),
             Resolution.adopted_on, Resolution.id),
}
ACTION_ORDERINGS = {
    "occurred": (Action.occurred_on.desc().nulls_last(), Action.id.desc()),
    "published": (Action.published_at.desc(), Action.id.desc()),
    "body": (select(Body.name).where(Body.id == Action.body_id).scalar_subquery(),
             Action.occurred_on, Action.id),
}


def list_resolutions(filters: dict[str, Any]) -> Pagination:
    """One page of resolutions with their body, bill and sources: five queries."""
    ordering = RESOLUTION_ORDERINGS.get(filters.get("sort"), RESOLUTION_ORDERINGS["adopted"])
    return _page_of("resolutions", filtered_resolutions(filters), ordering, filters,
                    (joinedload(Resolution.body), joinedload(Resolution.bill),
                     selectinload(Resolution.sources)))


def list_actions(filters: dict[str, Any]) -> Pagination:
    """One page of actions with their body, bill and sources: five queries."""
    ordering = ACTION_ORDERINGS.get(filters.get("sort"), ACTION_ORDERINGS["occurred"])
    return _page_of("actions", filtered_actions(filters), ordering, filters,
                    (joinedload(Action.body), joinedload(Action.bill), selectinload(Action.sources)))


LISTED = {"resolutions": (Resolution, filtered_resolutions), "actions": (Action, filtered_actions)}


def _page_of(kind: str, query: Select, ordering: tuple, filters: dict[str, Any],
             loaders: tuple) -> Pagination:
    """Page through the ids alone (a sort of every match then carries only its keys and id, not
    whole rows joined to their body and bill), then load that page's records. The total is
    counted once per data version for every page and order of the same filters."""
    model = LISTED[kind][0]
    page = db.paginate(query.with_only_columns(model.id).order_by(*ordering), page=filters["page"],
                       per_page=filters["per_page"], max_per_page=MAX_PER_PAGE, count=False)
    page.total = listing_total(kind, {k: v for k, v in filters.items() if k not in PAGING})
    ids = list(page.items)
    found = {record.id: record for record in db.session.scalars(
        select(model).where(model.id.in_(ids)).options(*loaders))} if ids else {}
    page.items = [found[record_id] for record_id in ids]
    return page


@versioned
def listing_total(kind: str, filters: dict[str, Any]) -> int:
    """How many resolutions or actions match the filters."""
    model, filtered = LISTED[kind]
    matching = filtered(filters).with_only_columns(model.id).subquery()
    return db.session.scalar(select(func.count()).select_from(matching))


@dataclass
class BillSummary:
    """A bill with the number of bodies on record for and against it."""

    bill: Bill
    endorsing_bodies: int
    opposing_bodies: int

    def __getattr__(self, name: str) -> Any:  # the schema reads the bill's own fields through
        return getattr(self.bill, name)


def _bodies_on_record(stance: str):
    return (select(func.count(func.distinct(Resolution.body_id)))
            .where(Resolution.bill_id == Bill.id, Resolution.stance == stance)
            .correlate(Bill).scalar_subquery())


BILL_ORDERINGS = {
    "family": (Bill.family, Bill.congress, Bill.id),  # lineage order, as on the /bills page
    "introduced": (Bill.introduced_on.is_(None), Bill.introduced_on.desc(), Bill.code),
    "endorsers": (_bodies_on_record("support").desc(), Bill.code),
}


def list_bills(filters: dict[str, Any]) -> Pagination:
    """One page of bills with their predecessor and counts of endorsing and opposing bodies."""
    query = select(Bill).options(joinedload(Bill.predecessor))
    if filters.get("family"):
        query = query.where(Bill.family == filters["family"])
    if filters.get("jurisdiction"):
        query = query.where(Bill.jurisdiction == filters["jurisdiction"])
    query = query.order_by(*BILL_ORDERINGS.get(filters.get("sort"), BILL_ORDERINGS["family"]))
    page = db.paginate(query, page=filters["page"], per_page=filters["per_page"],
                       max_per_page=MAX_PER_PAGE)
    ids = [bill.id for bill in page.items]
    counts = {row.id: row for row in db.session.execute(
        select(Bill.id, _bodies_on_record("support").label("endorsing"),
               _bodies_on_record("oppose").label("opposing")).where(Bill.id.in_(ids))
    )} if ids else {}
    page.items = [BillSummary(bill, counts[bill.id].endorsing, counts[bill.id].opposing)
                  for bill in page.items]
    return page


def change_moments() -> list:
    """Scalar subqueries of indexed maxima, each the last moment one kind of published change
    happened: the newest publication of a body, resolution or action, the newest bill, the
    newest Revision (every change to a published record writes one) and the newest district
    data load."""
    return [
        select(func.max(Body.published_at)).scalar_subquery(),
        select(func.max(Resolution.published_at)).scalar_subquery(),
        select(func.max(Action.published_at)).scalar_subquery(),
        select(func.max(Bill.created_at)).scalar_subquery(),
        select(func.max(Revision.created_at)).scalar_subquery(),
        select(func.max(DistrictDataLoad.loaded_at)).scalar_subquery(),
    ]


def last_moment(moments: Any, today: date) -> datetime | None:
    """The latest of `moments` (None when nothing was ever published), never earlier than the
    start of `today`, because dormancy is measured from today and so an answer can change at
    midnight."""
    found = [moment for moment in moments if moment is not None]
    if not found:
        return None
    return max(*found, datetime.combine(today, time.min))
