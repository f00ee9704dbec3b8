"""The newest published resolutions and actions, optionally for the bodies of a filter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.bodies.services import filtered_bodies
from registry.cache import versioned
from registry.database import db
from registry.followthrough.ladder import ACTION_KINDS, STANDINGS, standing
from registry.models import Action, Body, Check, Resolution
from registry.text import format_partial_date
from registry.vocab import CHECK_RESULTS, CHECKERS

FEED_SIZE = 50


@dataclass(frozen=True)
class FeedEntry:
    tag: str
    title: str
    summary: str
    published: datetime
    updated: datetime
    body_slug: str
    body_state: str | None


@versioned
def latest_entries(filters: dict[str, Any], limit: int = FEED_SIZE) -> list[FeedEntry]:
    """Three queries (resolutions, actions, checks), merged newest first; plain values, so the
    result can be cached per data version."""
    body_ids = filtered_bodies(filters).with_only_columns(Body.id)
    resolutions = db.session.scalars(
        select(Resolution).where(Resolution.body_id.in_(body_ids))
        .options(joinedload(Resolution.body), joinedload(Resolution.bill))
        .order_by(Resolution.published_at.desc(), Resolution.id.desc()).limit(limit)
    )
    actions = db.session.scalars(
        select(Action).where(Action.body_id.in_(body_ids)).options(joinedload(Action.body))
        .order_by(Action.published_at.desc(), Action.id.desc()).limit(limit)
    )
    entries = [FeedEntry(f"resolution-{r.id}", f"{r.body.name}: {r.title}",
                         _resolution_summary(r), r.published_at, r.updated_at, r.body.slug, r.body.state)
               for r in resolutions]
    entries += [FeedEntry(f"action-{a.id}", f"{a.body.name}: {ACTION_KINDS[a.kind].label}",
                          a.description, a.published_at, a.updated_at, a.body.slug, a.body.state)
                for a in actions]
    checks = db.session.scalars(
        select(Check).where(Check.body_id.in_(body_ids)).options(joinedload(Check.body))
        .order_by(Check.published_at.desc(), Check.id.desc()).limit(limit)
    )
    entries += [FeedEntry(f"check-{c.id}", f"{c.body.name}: follow-through checked",
                          _check_summary(c), c.published_at, c.updated_at, c.body.slug, c.body.state)
                for c in checks]
    entries.sort(key=lambda e: (e.published, e.tag), reverse=True)
    return entries[:limit]


def _standing(body: Body) -> str:
    return STANDINGS[standing(body.endorsing, body.active_without_resolution, body.checked,
                              body.tier)]


def _resolution_summary(resolution: Resolution) -> str:
    when = format_partial_date(resolution.adopted_on, resolution.date_precision)
    kind = resolution.date_kind or "date unknown"
    return (f"{resolution.title} ({kind} {when}); evidence: {resolution.evidence_level}; "
            f"the body's follow-through: {_standing(resolution.body).lower()}.")


def _check_summary(check: Check) -> str:
    return (f"Checked {format_partial_date(check.checked_on)} by a "
            f"{CHECKERS[check.checked_by].lower()}: {CHECK_RESULTS[check.result].lower()}. "
            f"The body's follow-through: {_standing(check.body).lower()}.")
