"""Plain-language reasons for a body's standing: "Tier 3 — Mobilizing: rally or march on
1 May 2019, 400 members"; "Not yet checked: …"; with the retreat flag explained and uncounted
actions mentioned."""

from __future__ import annotations

from datetime import date

from registry.followthrough import ladder
from registry.followthrough.ladder import ACTION_KINDS, ActionFact, BodyStatus
from registry.text import format_partial_date


def describe(status: BodyStatus) -> str:
    """A plain-language reason, e.g. "Tier 3 — Mobilizing: rally or march on 1 May 2019, 400 members"."""
    if not status.endorsing and not status.active_without_resolution:
        return "No supporting resolution on record" + _uncounted(status) + _retreat_note(status)
    if status.standing == "not_checked":
        return ("Not yet checked: nobody has recorded a look at this body's follow-through since "
                "its resolution" + _retreat_note(status))
    head = f"Tier {status.tier} — {status.tier_name}"
    if status.sustained_months:
        shown = ", ".join(status.sustained_months[-ladder.SUSTAINED_MONTHS:])
        why = (f"sustained campaign: mobilizing actions in {len(status.sustained_months)} "
               f"distinct months (latest {shown})")
    elif status.deciding is not None and status.tier > 0:
        why = _describe_action(status.deciding)
    elif status.deciding is not None and status.deciding.kind == "check_in":
        why = f"a {_describe_action(status.deciding)} found no action" + _uncounted(status)
    elif status.last_checked_on is not None:
        why = (f"checked {format_partial_date(status.last_checked_on, 'day')}, no follow-through "
               "found" + _uncounted(status))
    elif status.endorsing:
        why = "no counted follow-through action after the resolution" + _uncounted(status)
    else:
        why = "no counted action"
    if status.active_without_resolution:
        head = f"Active without a resolution · {head}"
    return f"{head}: {why}" + _retreat_note(status)


def _uncounted(status: BodyStatus) -> str:
    """Says why actions on record did not count, so a tier 0 beside them is not a puzzle."""
    parts = []
    if status.before_resolution:
        parts.append(f"{len(status.before_resolution)} dated before it")
    if status.out_of_scope:
        parts.append(f"{len(status.out_of_scope)} for health reform other than single payer")
    return f" ({' and '.join(parts)}, not counted)" if parts else ""


def _retreat_note(status: BodyStatus) -> str:
    """Names the latest counter-action, which sets the retreat flag without lowering the tier."""
    if not status.counter:
        return ""
    latest = max(status.counter, key=lambda a: (a.on is not None, a.on or date.min))
    return f"; retreat: {_describe_action(latest)}"


def _describe_action(action: ActionFact) -> str:
    label = ACTION_KINDS[action.kind].label.lower()
    if action.on is None:
        text = f"{label} (undated)"
    else:
        preposition = "on" if action.precision in (None, "day") else "in"
        text = f"{label} {preposition} {format_partial_date(action.on, action.precision)}"
    if action.participants:
        text += f", {action.participants:,} members"
    if action.amount_usd:
        text += f", ${action.amount_usd:,.0f}"
    return text
