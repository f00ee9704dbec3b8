"""What the /map page shows besides the map itself: filter choices, the results table and a
plain-language summary of the gap for screen readers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext, ngettext
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, or_, select

from registry.bodies.services import bill_families, filtered_bodies, list_bodies
from registry.cache import versioned
from registry.database import db
from registry.followthrough.aggregates import GapFigures, GapRow, gap_by
from registry.followthrough.ladder import MOBILIZED_TIER, TIERS
from registry.geo import state_name
from registry.languages import number, share, translate
from registry.models import Body


@dataclass(frozen=True)
class FilterChoices:
    states: tuple[tuple[str, str], ...]  # (code, name)
    affiliations: tuple[str, ...]
    families: tuple[tuple[str, str], ...]  # (family, label)
    first_year: int | None
    last_year: int | None


@versioned
def filter_choices() -> FilterChoices:
    """The values the map's filters offer: those present in the registry."""
    states = db.session.scalars(
        select(Body.state).where(Body.state.is_not(None)).group_by(Body.state).order_by(Body.state))
    affiliations = db.session.scalars(
        select(Body.affiliation).where(Body.affiliation.is_not(None))
        .group_by(Body.affiliation).order_by(Body.affiliation))
    first, last = db.session.execute(
        select(func.min(Body.first_resolution_on), func.max(Body.first_resolution_on))).one()
    return FilterChoices(states=tuple((code, state_name(code)) for code in states),
                         affiliations=tuple(affiliations), families=tuple(bill_families().items()),
                         first_year=first.year if first else None, last_year=last.year if last else None)


@dataclass(frozen=True)
class StateGap:
    code: str
    name: str
    figures: GapFigures


@dataclass(frozen=True)
class MapResults:
    page: Pagination
    unlocated: int  # matching bodies with no place to draw: listed in the table only
    states: list[StateGap]  # states with endorsing bodies matching the filters, widest gap first
    overall: GapFigures
    summary: str


def total_figures(rows: list[GapRow]) -> GapFigures:
    return GapFigures.total([row.figures for row in rows])


def gap_sentence(place: str, figures: GapFigures) -> str:
    """"In Ohio, 31 of 40 endorsing bodies have no recorded mobilization." (`place` is already
    in the reader's language: "In Ohio", "Overall".)"""
    if not figures.endorsing:
        return gettext("%(place)s, no endorsing body matches these filters.", place=place)
    return ngettext("%(place)s, %(part)s of %(count)s endorsing body has no recorded mobilization.",
                    "%(place)s, %(part)s of %(count)s endorsing bodies have no recorded mobilization.",
                    figures.endorsing, place=place, part=number(figures.endorsing - figures.mobilized),
                    count=number(figures.endorsing))


def tier_note(tier: int) -> str:
    """Under a tier filter every body shown is at that tier, so the shading can only repeat it."""
    if tier >= MOBILIZED_TIER:
        return gettext("Under a tier filter the colours say nothing new: every body shown counts as "
                       "mobilized, so every shaded state shows a gap of %(gap)s. Compare states by their "
                       "counts in the table, or clear the tier filter to see the gap itself.",
                       gap=share(0.0))
    return gettext("Under a tier filter the colours say nothing new: every body shown is below "
                   "mobilizing, so every shaded state shows a gap of %(gap)s. Compare states by their "
                   "counts in the table, or clear the tier filter to see the gap itself.", gap=share(1.0))


def summarise(filters: dict[str, Any], states: list[StateGap], overall: GapFigures) -> str:
    tier = filters.get("tier")
    if filters.get("state"):
        sentence = gap_sentence(gettext("In %(state)s", state=state_name(filters["state"])), overall)
    elif tier is not None:
        bodies = ngettext("%(count)s endorsing body", "%(count)s endorsing bodies", overall.endorsing,
                          count=number(overall.endorsing))
        places = ngettext("%(count)s state or territory", "%(count)s states and territories", len(states),
                          count=number(len(states)))
        sentence = gettext("Tier %(tier)s (%(name)s): %(bodies)s in %(places)s.", tier=tier,
                           name=translate(TIERS[tier]), bodies=bodies, places=places)
    else:
        sentence = gap_sentence(gettext("Overall"), overall)
        if states:
            none = sum(1 for s in states if not s.figures.mobilized)
            places = ngettext("%(count)s state or territory", "%(count)s states and territories",
                              len(states), count=number(len(states)))
            sentence += " " + ngettext(
                "%(places)s has endorsing bodies; in %(none)s of them, none has a recorded mobilization.",
                "%(places)s have endorsing bodies; in %(none)s of them, none has a recorded mobilization.",
                len(states), places=places, none=number(none))
    if tier is not None:
        sentence += " " + tier_note(tier)
    return sentence


def map_results(filters: dict[str, Any]) -> MapResults:
    """The table page, the per-state gap list and the summary for one set of filters."""
    page = list_bodies(filters)
    rows = gap_by("state", filters)
    states = sorted(
        (StateGap(row.key, state_name(row.key), row.figures) for row in rows if row.key),
        key=lambda s: (-(s.figures.gap or 0), -s.figures.endorsing, s.name))
    overall = total_figures(rows)
    return MapResults(page, count_unlocated(filters), states, overall, summarise(filters, states, overall))


@versioned
def count_unlocated(filters: dict[str, Any]) -> int:
    """Matching bodies with no place to draw."""
    return db.session.scalar(filtered_bodies(filters).where(
        or_(Body.latitude.is_(None), Body.longitude.is_(None))).with_only_columns(func.count(Body.id))) or 0
