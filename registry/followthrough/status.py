"""Keeps each body's stored follow-through status in step with its published records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select

from registry.database import db
from registry.followthrough.ladder import (
    ACTION_KINDS,
    LADDER_SCOPES,
    ActionFact,
    BodyStatus,
    ResolutionFact,
    body_status,
)
from registry.models import Action, Body, Check, Resolution

EVIDENCE_ORDER = ("reported", "sourced", "primary")
ADOPTION_ORDER = ("roster", "report", "record")


def today() -> date:
    """The date the rules measure dormancy from; tests and snapshots may fix it."""
    fixed = current_app.config.get("REGISTRY_TODAY")
    if fixed:
        return fixed if isinstance(fixed, date) else date.fromisoformat(str(fixed))
    return date.today()


def resolution_fact(resolution: Resolution) -> ResolutionFact:
    return ResolutionFact(resolution.stance, resolution.adopted_on, resolution.date_precision,
                          resolution.date_kind)


def action_fact(action: Action) -> ActionFact:
    amount = float(action.amount_usd) if action.amount_usd is not None else None
    return ActionFact(action.kind, action.occurred_on, action.date_precision,
                      action.participants, amount, action.id, action.scope or "single_payer")


def status_of(body: Body) -> BodyStatus:
    """The full status (with the actions behind it) of one loaded body."""
    return body_status([resolution_fact(r) for r in body.resolutions],
                       [action_fact(a) for a in body.actions],
                       [check.checked_on for check in body.checks])


def strongest_adoption_evidence(resolutions: Iterable[Resolution]) -> str | None:
    levels = [r.adoption_evidence for r in resolutions if r.stance == "support" and r.adoption_evidence]
    return max(levels, key=ADOPTION_ORDER.index) if levels else None


def refresh_statuses(body_ids: Iterable[int]) -> int:
    """Recompute the stored status of these bodies in four queries; returns how many changed."""
    ids = sorted(set(body_ids))
    if not ids:
        return 0
    changed = 0
    for start in range(0, len(ids), 500):
        changed += _refresh_chunk(ids[start:start + 500])
    return changed


def _refresh_chunk(ids: list[int]) -> int:
    resolutions: dict[int, list[Resolution]] = defaultdict(list)
    actions: dict[int, list[Action]] = defaultdict(list)
    checks: dict[int, list] = defaultdict(list)
    for resolution in db.session.scalars(select(Resolution).where(Resolution.body_id.in_(ids))):
        resolutions[resolution.body_id].append(resolution)
    for action in db.session.scalars(select(Action).where(Action.body_id.in_(ids))):
        actions[action.body_id].append(action)
    for body_id, checked_on in db.session.execute(
        select(Check.body_id, Check.checked_on).where(Check.body_id.in_(ids))
    ):
        checks[body_id].append(checked_on)
    changed = 0
    for body in db.session.scalars(select(Body).where(Body.id.in_(ids))):
        status = body_status([resolution_fact(r) for r in resolutions[body.id]],
                             [action_fact(a) for a in actions[body.id]], checks[body.id])
        levels = [r.evidence_level for r in resolutions[body.id]] + [
            a.evidence_level for a in actions[body.id]
        ]
        values = {
            "endorsing": status.endorsing,
            "tier": status.tier,
            "retreat": status.retreat,
            "active_without_resolution": status.active_without_resolution,
            "first_resolution_on": status.first_resolution_on,
            "last_activity_on": status.last_activity_on,
            "first_resolution_precision": status.first_resolution_precision,
            "last_activity_precision": status.last_activity_precision,
            "evidence_level": max(levels, key=EVIDENCE_ORDER.index) if levels else None,
            "adoption_evidence": strongest_adoption_evidence(resolutions[body.id]),
            "checked": status.checked,
            "last_checked_on": status.last_checked_on,
        }
        if any(getattr(body, key) != value for key, value in values.items()):
            changed += 1
            for key, value in values.items():
                setattr(body, key, value)
    return changed


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a body's record: a resolution, an action or a check, and whether it counts."""

    on: date | None
    precision: str | None
    resolution: Resolution | None = None
    action: Action | None = None
    check: Check | None = None
    counted: bool = False
    note: str | None = None


def timeline(body: Body, status: BodyStatus) -> list[TimelineEntry]:
    """Resolutions, actions and checks in one list, newest first, undated last."""
    counted = {a.ident for a in status.counted}
    before = {a.ident for a in status.before_resolution}
    entries = [TimelineEntry(r.adopted_on, r.date_precision, resolution=r) for r in body.resolutions]
    entries += [TimelineEntry(c.checked_on, "day", check=c) for c in body.checks]
    for action in body.actions:
        kind = ACTION_KINDS[action.kind]
        note = None
        if action.scope not in LADDER_SCOPES:
            note = "general health reform, not single payer: not counted"
        elif kind.is_counter:
            note = "counter-action: sets the retreat flag"
        elif action.occurred_on is None:
            note = "undated: counted, but sets no date of last activity"
        elif action.id in before:
            note = "before the first resolution: not counted"
        entries.append(TimelineEntry(action.occurred_on, action.date_precision, action=action,
                                     counted=action.id in counted, note=note))
    dated = sorted((e for e in entries if e.on), key=lambda e: (e.on, e.action is not None),
                   reverse=True)
    return dated + [e for e in entries if e.on is None]
