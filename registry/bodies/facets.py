"""Facet counts for the explore view: for each facet, how many bodies each value would give,
counting under every other active filter (the facet's own filter is left out)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_

from registry.bodies.services import filtered_bodies, supporting_family_pairs
from registry.cache import versioned
from registry.database import db
from registry.models import Body

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
    pairs = supporting_family_pairs()
    family_query = (filtered_bodies({**filters, "bill_family": None})
                    .join(pairs, pairs.c.body_id == Body.id)
                    .with_only_columns(pairs.c.family, count).group_by(pairs.c.family)
                    .order_by(pairs.c.family))
    facets["bill_family"] = [FacetValue(v, n) for v, n in db.session.execute(family_query)]
    return facets
