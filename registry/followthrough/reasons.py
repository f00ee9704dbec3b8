"""Plain-language reasons for a body's standing: "Tier 3 — Mobilizing: rally or march on
1 May 2019, 400 members"; "Not yet checked: …"; with the retreat flag explained and uncounted
actions mentioned.

A reason is written in English (the API and the stored data read it so), or in the reader's
language on the pages (`in_reader_language`): every phrase is marked with N_ and said through a
Voice that translates it and formats its dates and numbers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from registry.followthrough import ladder
from registry.followthrough.ladder import ACTION_KINDS, ActionFact, BodyStatus
from registry.text import N_, format_partial_date


def _english(text: str, **values) -> str:
    return text % values if values else text


@dataclass(frozen=True)
class Voice:
    """How a reason is said: its phrases, dates and counts."""

    say: Callable[..., str]
    date: Callable[[date, str | None], str]
    number: Callable[[int], str]


ENGLISH = Voice(_english, format_partial_date, lambda n: f"{n:,}")


def reader_voice() -> Voice:
    """The reader's language (at request time)."""
    from flask_babel import gettext

    from registry.languages import number, partial_date

    return Voice(gettext, partial_date, number)


def in_reader_language(status: BodyStatus) -> str:
    """The reason, in the language of the page it is shown on."""
    return describe(status, reader_voice())


def describe(status: BodyStatus, voice: Voice = ENGLISH) -> str:
    """A plain-language reason, e.g. "Tier 3 — Mobilizing: rally or march on 1 May 2019, 400 members"."""
    say = voice.say
    if not status.endorsing and not status.active_without_resolution:
        return (say(N_("No supporting resolution on record")) + _uncounted(status, voice)
                + _retreat_note(status, voice))
    if status.standing == "not_checked":
        return (say(N_("Not yet checked: nobody has recorded a look at this body's follow-through "
                       "since its resolution")) + _retreat_note(status, voice))
    head = say(N_("Tier %(tier)s — %(name)s"), tier=status.tier, name=say(status.tier_name))
    if status.sustained_months:
        shown = ", ".join(status.sustained_months[-ladder.SUSTAINED_MONTHS:])
        why = say(N_("sustained campaign: mobilizing actions in %(count)s distinct months "
                     "(latest %(months)s)"), count=len(status.sustained_months), months=shown)
    elif status.deciding is not None and status.tier > 0:
        why = _describe_action(status.deciding, voice)
    elif status.deciding is not None and status.deciding.kind == "check_in":
        why = say(N_("a %(check_in)s found no action"),
                  check_in=_describe_action(status.deciding, voice)) + _uncounted(status, voice)
    elif status.last_checked_on is not None:
        why = say(N_("checked %(date)s, no follow-through found"),
                  date=voice.date(status.last_checked_on, "day")) + _uncounted(status, voice)
    elif status.endorsing:
        why = say(N_("no counted follow-through action after the resolution")) \
            + _uncounted(status, voice)
    else:
        why = say(N_("no counted action"))
    if status.active_without_resolution:
        head = say(N_("Active without a resolution · %(tier)s"), tier=head)
    return say(N_("%(head)s: %(why)s"), head=head, why=why) + _retreat_note(status, voice)


def _uncounted(status: BodyStatus, voice: Voice) -> str:
    """Says why actions on record did not count, so a tier 0 beside them is not a puzzle."""
    parts = []
    if status.before_resolution:
        parts.append(voice.say(N_("%(count)s dated before it"), count=len(status.before_resolution)))
    if status.out_of_scope:
        parts.append(voice.say(N_("%(count)s for health reform other than single payer"),
                               count=len(status.out_of_scope)))
    if not parts:
        return ""
    return voice.say(N_(" (%(parts)s, not counted)"),
                     parts=voice.say(N_(" and ")).join(parts))


def _retreat_note(status: BodyStatus, voice: Voice) -> str:
    """Names the latest counter-action, which sets the retreat flag without lowering the tier."""
    if not status.counter:
        return ""
    latest = max(status.counter, key=lambda a: (a.on is not None, a.on or date.min))
    return voice.say(N_("; retreat: %(action)s"), action=_describe_action(latest, voice))


def _describe_action(action: ActionFact, voice: Voice) -> str:
    say = voice.say
    label = say(ACTION_KINDS[action.kind].label).lower()
    if action.on is None:
        text = say(N_("%(action)s (undated)"), action=label)
    elif action.precision in (None, "day"):
        text = say(N_("%(action)s on %(date)s"), action=label,
                   date=voice.date(action.on, action.precision))
    else:
        text = say(N_("%(action)s in %(date)s"), action=label,
                   date=voice.date(action.on, action.precision))
    if action.participants:
        text += say(N_(", %(count)s members"), count=voice.number(action.participants))
    if action.amount_usd:
        text += say(N_(", $%(amount)s"), amount=voice.number(round(action.amount_usd)))
    return text
