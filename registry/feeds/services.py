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
from registry.followthrough.ladder import ACTION_KINDS
from registry.models import Action, Body, Resolution

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
    """Two queries (resolutions, actions), merged newest first; plain values, so the result can
    be cached per data version."""
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
    entries.sort(key=lambda e: (e.published, e.tag), reverse=True)
    return entries[:limit]


def _resolution_summary(resolution: Resolution) -> str:
    when = resolution.adopted_on.isoformat() if resolution.adopted_on else "undated"
    kind = resolution.date_kind or "date unknown"
    return f"{resolution.title} ({kind} {when}); evidence: {resolution.evidence_level}."
