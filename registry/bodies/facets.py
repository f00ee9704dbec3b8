"""Facet counts for the explore view: for each facet, how many bodies each value would give,
counting under every other active filter (the facet's own filter is left out)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select

from registry.bodies.schemas import GENERAL_FAMILY
from registry.bodies.services import filtered_bodies, supporting_family_pairs
from registry.cache import versioned
from registry.database import db
from registry.models import Bill, Body, Resolution

AFFILIATION_LIMIT = 25


@dataclass(frozen=True)
class FacetValue:
    value: Any
    count: int


@versioned
def facet_counts(filters: dict[str, Any]) -> dict[str, list[FacetValue]]:
    """One grouped query per facet: state, level, affiliation, tier, evidence, bill family."""
    facets: dict[str, list[FacetValue]] = {}
    count = func.count().label("n")  # one row per body (per family for bill families)
    for name, key in (("state", Body.state), ("level", Body.level), ("affiliation", Body.affiliation),
                      ("tier", Body.tier), ("evidence", Body.evidence_level)):
        query = filtered_bodies({**filters, name: None}).where(key.is_not(None))
        if name == "tier":
            query = query.where(Body.checked.is_(True), or_(Body.endorsing.is_(True),
                                                            Body.active_without_resolution.is_(True)))
        query = query.with_only_columns(key, count).group_by(key)
        if name == "affiliation":
            query = query.order_by(count.desc(), key).limit(AFFILIATION_LIMIT)
        else:
            query = query.order_by(key)
        facets[name] = [FacetValue(value, n) for value, n in db.session.execute(query)]
    facets["bill_family"] = family_counts(filtered_bodies({**filters, "bill_family": None}))
    return facets


def family_counts(bodies: Select) -> list[FacetValue]:
    """Bodies of `bodies` with a supporting resolution per bill family. Unfiltered, every body
    with a resolution counts: the resolutions are counted by body in their bill index alone,
    without a pass over the bodies."""
    if bodies.whereclause is None:
        family = func.coalesce(Bill.family, GENERAL_FAMILY).label("family")
        query = (select(family, func.count(Resolution.body_id.distinct()))
                 .select_from(Resolution).outerjoin(Bill, Resolution.bill_id == Bill.id)
                 .where(Resolution.stance == "support").group_by(family).order_by(family))
    else:
        pairs = supporting_family_pairs()
        query = (bodies.join(pairs, pairs.c.body_id == Body.id)
                 .with_only_columns(pairs.c.family, func.count()).group_by(pairs.c.family)
                 .order_by(pairs.c.family))
    return [FacetValue(value, n) for value, n in db.session.execute(query)]
