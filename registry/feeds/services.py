"""The newest published resolutions and actions, optionally for the bodies of a filter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import literal_column, select
from sqlalchemy.orm import joinedload

from registry.bodies.services import filtered_bodies, matching_total
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
    """Three queries (resolutions, actions, checks), merged newest first, after the filter's
    count where SQLite needs it (see _walks); plain values, so the result can be cached per
    data version."""
    body_ids = filtered_bodies(filters).with_only_columns(Body.id)
    walk = _walks(filters)
    resolutions = db.session.scalars(
        select(Resolution).where(_of_bodies(Resolution.body_id, body_ids, walk))
        .options(joinedload(Resolution.body), joinedload(Resolution.bill))
        .order_by(Resolution.published_at.desc(), Resolution.id.desc()).limit(limit)
    )
    actions = db.session.scalars(
        select(Action).where(_of_bodies(Action.body_id, body_ids, walk)).options(joinedload(Action.body))
        .order_by(Action.published_at.desc(), Action.id.desc()).limit(limit)
    )
    entries = [FeedEntry(f"resolution-{r.id}", f"{r.body.name}: {r.title}",
                         _resolution_summary(r), r.published_at, r.updated_at, r.body.slug, r.body.state)
               for r in resolutions]
    entries += [FeedEntry(f"action-{a.id}", f"{a.body.name}: {ACTION_KINDS[a.kind].label}",
                          a.description, a.published_at, a.updated_at, a.body.slug, a.body.state)
                for a in actions]
    checks = db.session.scalars(
        select(Check).where(_of_bodies(Check.body_id, body_ids, walk)).options(joinedload(Check.body))
        .order_by(Check.published_at.desc(), Check.id.desc()).limit(limit)
    )
    entries += [FeedEntry(f"check-{c.id}", f"{c.body.name}: follow-through checked",
                          _check_summary(c), c.published_at, c.updated_at, c.body.slug, c.body.state)
                for c in checks]
    entries.sort(key=lambda e: (e.published, e.tag), reverse=True)
    return entries[:limit]


# On SQLite, a filter keeping at least this share of the bodies finds their newest records by
# walking the index of publication from the newest, which stops at the limit; a narrower one
# reads its bodies' records and sorts them (walking would pass most of the registry by).
WALK_SHARE = 0.02


def _walks(filters: dict[str, Any]) -> bool:
    """Whether the newest records of the filter's bodies are found by walking (see WALK_SHARE).
    PostgreSQL's planner makes this choice itself, from its statistics."""
    return db.engine.dialect.name == "sqlite" and matching_total(filters) >= WALK_SHARE * matching_total({})


def _of_bodies(column, body_ids, walk: bool):
    """`column` among `body_ids`; when walking, as "+ 0", which is no key for SQLite to seek
    by, so it reads the index of publication instead (state=CA at 100,000 bodies, 150 to 2 ms)."""
    return (column + literal_column("0")).in_(body_ids) if walk else column.in_(body_ids)


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
