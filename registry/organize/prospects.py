"""What makes a body a prospect, in SQL (to filter) and in words (to explain each result)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from sqlalchemy import ColumnElement, and_, or_

from registry.followthrough.ladder import MOBILIZED_TIER, TIERS, dormancy_cutoff, is_dormant
from registry.languages import partial_date
from registry.models import Body
from registry.text import N_, format_partial_date


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


def english(text: str, **values) -> str:
    """The words as written (the API and the CSV call list give the reasons in English)."""
    return text % values if values else text


def prospect_reason(body: Body, today: date, say: Callable[..., str] = english) -> str:
    """Why this body is worth a call, from its stored follow-through status; `say` puts each
    phrase into a language (flask_babel.gettext for the page's reader)."""
    tier = say(N_("tier %(tier)s, %(name)s"), tier=body.tier, name=say(TIERS[body.tier]).lower())
    if body.endorsing:
        year = str(body.first_resolution_on.year) if body.first_resolution_on else None
        if body.tier >= MOBILIZED_TIER:
            text = (say(N_("Endorsed in %(year)s and mobilized (%(tier)s): a potential ally"), year=year,
                        tier=tier) if year
                    else say(N_("Endorsed and mobilized (%(tier)s): a potential ally"), tier=tier))
        elif not body.checked:
            text = (say(N_("Endorsed in %(year)s; follow-through not yet checked: ask what they did, and "
                        "tell the registry"), year=year) if year else
                    say(N_("Endorsed; follow-through not yet checked: ask what they did, and tell the "
                        "registry")))
        elif body.tier == 0:
            text = (say(N_("Endorsed in %(year)s; no follow-through found"), year=year) if year
                    else say(N_("Endorsed; no follow-through found")))
            if body.last_checked_on:
                text = say(N_("%(reason)s (checked %(date)s)"), reason=text,
                           date=_date(body.last_checked_on, "month", say))
        else:
            text = (say(N_("Endorsed in %(year)s; acted up to %(tier)s"), year=year, tier=tier) if year
                    else say(N_("Endorsed; acted up to %(tier)s"), tier=tier))
        if is_dormant(body.last_activity_on, today):
            text = say(N_("%(reason)s; dormant since %(date)s"), reason=text,
                       date=_date(body.last_activity_on, body.last_activity_precision, say))
    elif body.active_without_resolution and body.tier > 0:
        text = say(N_("No resolution of support on record, but active (%(tier)s)"), tier=tier)
        if body.tier >= MOBILIZED_TIER:
            text = say(N_("%(reason)s: a potential ally"), reason=text)
    else:
        text = say(N_("No resolution of support on record: ask them to pass one"))
    if body.retreat:
        text = say(N_("%(reason)s; a counter-action is on record"), reason=text)
    return text


def _date(value: date | None, precision: str | None, say: Callable[..., str]) -> str:
    """A date in English for the English reasons, else in the reader's language."""
    return format_partial_date(value, precision) if say is english else partial_date(value, precision)
