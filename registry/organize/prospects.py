"""What makes a body a prospect, in SQL (to filter) and in words (to explain each result)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, and_, or_

from registry.followthrough.ladder import MOBILIZED_TIER, TIERS, dormancy_cutoff, is_dormant
from registry.models import Body
from registry.text import format_partial_date


def prospect_condition(prospects: Iterable[str], today: date) -> ColumnElement[bool] | None:
    """Bodies matching any of the chosen prospect kinds (None: no prospect filter)."""
    cutoff = dormancy_cutoff(today)
    conditions = {
        "never_acted": and_(Body.endorsing.is_(True), Body.checked.is_(True), Body.tier == 0),
        "not_checked": and_(Body.endorsing.is_(True), Body.checked.is_(False)),
        "dormant": and_(Body.endorsing.is_(True), Body.last_activity_on < cutoff),
        "no_resolution": Body.endorsing.is_(False),
        "mobilized": and_(Body.tier >= MOBILIZED_TIER, or_(Body.endorsing.is_(True),
                                              Body.active_without_resolution.is_(True))),
    }
    chosen = [conditions[name] for name in prospects]
    if not chosen:
        return None
    return or_(*chosen)


def prospect_reason(body: Body, today: date) -> str:
    """Why this body is worth a call, from its stored follow-through status."""
    tier = f"tier {body.tier}, {TIERS[body.tier].lower()}"
    if body.endorsing:
        since = f" in {body.first_resolution_on.year}" if body.first_resolution_on else ""
        if body.tier >= MOBILIZED_TIER:
            text = f"Endorsed{since} and mobilized ({tier}): a potential ally"
        elif not body.checked:
            text = (f"Endorsed{since}; follow-through not yet checked: ask what they did, and "
                    "tell the registry")
        elif body.tier == 0:
            checked = f" (checked {body.last_checked_on:%B %Y})" if body.last_checked_on else ""
            text = f"Endorsed{since}; no follow-through found{checked}"
        else:
            text = f"Endorsed{since}; acted up to {tier}"
        if is_dormant(body.last_activity_on, today):
            last = format_partial_date(body.last_activity_on, body.last_activity_precision)
            text += f"; dormant since {last}"
    elif body.active_without_resolution and body.tier > 0:
        text = f"No resolution of support on record, but active ({tier})"
        if body.tier >= MOBILIZED_TIER:
            text += ": a potential ally"
    else:
        text = "No resolution of support on record: ask them to pass one"
    if body.retreat:
        text += "; a counter-action is on record"
    return text
