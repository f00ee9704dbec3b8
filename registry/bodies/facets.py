"""Facet counts for the explore view: for each facet, how many bodies each value would give,
counting under every other active filter (the facet's own filter is left out)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select

from registry.bodies.schemas import GENERAL_FAMILY
from registry.bodies.services import filtered_bodies
from registry.cache import versioned
from registry.database import db
from registry.models import Bill, Body, Resolution

AFFILIATION_LIMIT = 25
# The tier facet counts bodies someone has looked at that endorse or act without a resolution.
TIER_SHOWN = and_(Body.checked.is_(True), or_(Body.endorsing.is_(True),
                                              Body.active_without_resolution.is_(True)))
COLUMNS: dict[str, ColumnElement] = {
    "state": Body.state, "level": Body.level, "affiliation": Body.affiliation,
    "tier": case((TIER_SHOWN, Body.tier)), "evidence": Body.evidence_level,
}


@dataclass(frozen=True)
class FacetValue:
    value: Any
    count: int


@versioned
def facet_counts(filters: dict[str, Any]) -> dict[str, list[FacetValue]]:
    """The state, level, affiliation, tier and evidence facets, then the bill families.

    Unfiltered, each facet is one grouped query its index answers. Filtered, the facets whose
    own filter is not set share one pass over the matching bodies (grouped by all their columns
    at once, then summed here): a search or a subquery runs once rather than per facet, and the
    bodies are read once (at 100,000 bodies, /bodies?level=local 390 to 255 ms uncached)."""
    narrowed = filtered_bodies(filters).whereclause is not None
    shared = [name for name in COLUMNS if filters.get(name) in (None, "")] if narrowed else []
    counts = _counted_together(shared, filters) if len(shared) > 1 else {}
    for name in COLUMNS:
        if name not in counts:
            counts[name] = _counted_alone(name, filters)
    facets = {name: _values(name, counts[name]) for name in COLUMNS}
    facets["bill_family"] = family_counts(filtered_bodies({**filters, "bill_family": None}))
    return facets


def _counted_alone(name: str, filters: dict[str, Any]) -> Counter:
    """One facet under every other filter, grouped by its column (answered from its index)."""
    column = Body.tier if name == "tier" else COLUMNS[name]
    query = filtered_bodies({**filters, name: None}).where(column.is_not(None))
    if name == "tier":
        query = query.where(TIER_SHOWN)
    query = query.with_only_columns(column, func.count()).group_by(column)
    return Counter(dict(db.session.execute(query).all()))


def _counted_together(names: list[str], filters: dict[str, Any]) -> dict[str, Counter]:
    """Each facet of `names` counted under `filters` (none of them filtered), in one query."""
    columns = [COLUMNS[name] for name in names]
    rows = db.session.execute(filtered_bodies(filters).with_only_columns(*columns, func.count())
                              .group_by(*columns))
    counts = {name: Counter() for name in names}
    for row in rows:
        n = row[-1]
        for name, value in zip(names, row, strict=False):
            if value is not None:
                counts[name][value] += n
    return counts


def _values(name: str, counts: Counter) -> list[FacetValue]:
    """A facet's values in order: affiliations the largest first (up to AFFILIATION_LIMIT),
    the others by value."""
    if name == "affiliation":
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:AFFILIATION_LIMIT]
    else:
        ranked = sorted(counts.items())
    return [FacetValue(value, n) for value, n in ranked]


def family_counts(bodies: Select) -> list[FacetValue]:
    """Bodies of `bodies` with a supporting resolution per bill family, each body once per
    family, counted over the resolutions' bill index: unfiltered, every body with a resolution
    counts; filtered, only the resolutions of the matching bodies are read."""
    family = func.coalesce(Bill.family, GENERAL_FAMILY).label("family")
    query = (select(family, func.count(Resolution.body_id.distinct()))
             .select_from(Resolution).outerjoin(Bill, Resolution.bill_id == Bill.id)
             .where(Resolution.stance == "support").group_by(family).order_by(family))
    if bodies.whereclause is not None:
        query = query.where(Resolution.body_id.in_(bodies.with_only_columns(Body.id)))
    return [FacetValue(value, n) for value, n in db.session.execute(query)]
