"""What the gap page shows: grouped gap figures and yearly activity for the shared body filters,
as charts, tables and CSV — all from the aggregates computed in the database."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import force_locale, gettext
from sqlalchemy import select

from registry.bodies.schemas import FILTER_FIELDS, GENERAL_FAMILY
from registry.bodies.services import bill_families
from registry.cache import versioned
from registry.database import db
from registry.exports.streams import spreadsheet_safe
from registry.followthrough import aggregates, ladder
from registry.followthrough.aggregates import GapFigures, PlaceGap, YearActivity
from registry.geo import state_name
from registry.languages import translate
from registry.models import Body
from registry.text import N_
from registry.vocab import EVIDENCE_LEVELS, LEVELS

LARGEST_AFFILIATIONS = 12  # the affiliation chart draws this many groups, the rest combined
OTHERS = "__others__"


@dataclass(frozen=True)
class GapGroup:
    key: Any  # the group's value (None: not recorded; OTHERS: the smaller groups combined)
    label: str
    figures: GapFigures
    # The shared filter that narrows the body list to this group, when there is one.
    filter: dict[str, Any] | None = None


@dataclass(frozen=True)
class GapChart:
    slug: str
    title: str
    caption: str
    group_heading: str
    groups: list[GapGroup]
    note: str | None = None

    @property
    def has_endorsing(self) -> bool:
        return any(group.figures.endorsing for group in self.groups)


@dataclass(frozen=True)
class YearChart:
    slug: str
    title: str
    caption: str
    years: list[YearActivity]  # every year from the first to the last, zeros included
    undated: YearActivity | None = None

    @property
    def rows(self) -> list[YearActivity]:
        return self.years + ([self.undated] if self.undated else [])


def gap_caption(what: str) -> str:
    """A chart's caption: what one bar is (already in the reader's language), then how it splits."""
    tier = ladder.MOBILIZED_TIER
    return what + " " + gettext(
        "Each bar splits the endorsing bodies (union bodies with at least one published supporting "
        "resolution) by what the registry knows of their follow-through: not yet checked (nobody "
        "has recorded a look), paper only (a dated check found nothing), acted below the "
        "mobilizing rung (tiers 1–%(below)s), mobilized (tier %(tier)s or higher). The gap among "
        "checked bodies is 1 − mobilized ÷ checked; the gap over all endorsing bodies, "
        "1 − mobilized ÷ endorsing, counts the unchecked as not mobilized. Only union bodies "
        "matching the filters are counted; allied organizations are left out unless the filter "
        "asks for them.", below=tier - 1, tier=tier)


def _sum_by(places: list[PlaceGap], part: Callable[[PlaceGap], Any]) -> dict[Any, GapFigures]:
    """Roll (level, state) figures up to one of the two; groups with no endorser stay, empty."""
    grouped: dict[Any, list[GapFigures]] = {}
    for place in places:
        grouped.setdefault(part(place), []).append(place.figures)
    return {key: GapFigures.total(parts) for key, parts in grouped.items()}


def level_chart(places: list[PlaceGap]) -> GapChart:
    figures = _sum_by(places, lambda place: place.level)
    groups = [GapGroup(code, translate(label), figures[code], {"level": code})
              for code, label in LEVELS.items() if code in figures]
    return GapChart("level", gettext("Gap by level"), gap_caption(gettext(
        "One bar per level of the labor movement that has union bodies in the registry.")),
        gettext("Level"), groups)


def state_chart(places: list[PlaceGap]) -> GapChart:
    figures = _sum_by(places, lambda place: place.state)
    groups = [GapGroup(code, state_name(code) if code else gettext("State not recorded"), total,
                       {"state": code} if code else None) for code, total in figures.items()]
    groups.sort(key=lambda group: (group.key is None, group.label))
    return GapChart("state", gettext("Gap by state"), gap_caption(gettext(
        "One bar per state with union bodies in the registry; a state where none has endorsed "
        "says so.")), gettext("State"), groups)


def affiliation_chart(filters: dict[str, Any]) -> GapChart:
    rows = sorted(aggregates.gap_by("affiliation", filters),
                  key=lambda row: (-row.figures.endorsing, row.key is None, row.key or ""))
    shown, rest = rows[:LARGEST_AFFILIATIONS], rows[LARGEST_AFFILIATIONS:]
    groups = [GapGroup(row.key, row.key or gettext("No affiliation recorded"), row.figures,
                       {"affiliation": row.key} if row.key else None) for row in shown]
    note = None
    if rest:
        groups.append(GapGroup(OTHERS, gettext("All other affiliations (%(count)s)",
                                               count=len(rest)),
                               GapFigures.total([row.figures for row in rest])))
        note = gettext("The %(largest)s affiliations with the most endorsing bodies, then the "
                       "other %(rest)s combined.", largest=LARGEST_AFFILIATIONS, rest=len(rest))
    return GapChart("affiliation", gettext("Gap by affiliation"), gap_caption(gettext(
        "One bar per national affiliation, largest first (up to %(largest)s).",
        largest=LARGEST_AFFILIATIONS)), gettext("Affiliation"), groups, note)


def year_chart(filters: dict[str, Any]) -> YearChart:
    activity = aggregates.activity_by_year(filters)
    dated = {row.year: row for row in activity if row.year is not None}
    undated = next((row for row in activity if row.year is None), None)
    years = [dated.get(year, YearActivity(year, 0, 0))
             for year in range(min(dated), max(dated) + 1)] if dated else []
    caption = gettext(
        "Supporting resolutions by the year they were adopted (or first reported, when the vote "
        "date is unknown), and follow-through actions (every kind on rungs 1 to %(top)s; not "
        "check-ins or counter-actions) by the year they took place, for the union bodies matching "
        "the filters. Actions dated before a body's first resolution are counted here although "
        "they do not count toward its tier. Undated records are listed in the table but cannot be "
        "drawn in a year.", top=max(ladder.TIERS))
    return YearChart("year", gettext("Resolutions adopted and actions taken, per year"), caption,
                     years, undated)


@dataclass
class GapOverview:
    overall: GapFigures
    charts: list[GapChart] = field(default_factory=list)
    years: YearChart | None = None


def gap_overview(filters: dict[str, Any]) -> GapOverview:
    """Everything on the gap page, in a few grouped queries whatever the data size (each
    cached per data version by the aggregates)."""
    places = aggregates.gap_by_level_and_state(filters)
    return GapOverview(
        overall=GapFigures.total([place.figures for place in places]),
        charts=[level_chart(places), affiliation_chart(filters), state_chart(places)],
        years=year_chart(filters),
    )


CHARTS: dict[str, Callable[[dict[str, Any]], GapChart | YearChart]] = {
    "level": lambda filters: level_chart(aggregates.gap_by_level_and_state(filters)),
    "affiliation": affiliation_chart,
    "state": lambda filters: state_chart(aggregates.gap_by_level_and_state(filters)),
    "year": year_chart,
}

GAP_COLUMNS = ("group", "label", "endorsing", "checked", "unchecked", "paper_only",
               "acted_not_mobilized", "mobilized", "paper_only_share", "mobilized_share", "gap",
               "gap_among_checked", "members_known", "members", "members_mobilized", "members_gap")
YEAR_COLUMNS = ("year", "resolutions_adopted", "actions_taken")


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _cell(value: Any) -> Any:
    return spreadsheet_safe(value) if isinstance(value, str) else value


def chart_csv(slug: str, filters: dict[str, Any]) -> str:
    """The numbers behind one chart, as the table on the page shows them (in English, like
    every CSV file of the site)."""
    with force_locale("en"):
        chart = CHARTS[slug](filters)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if isinstance(chart, YearChart):
        writer.writerow(YEAR_COLUMNS)
        for row in chart.rows:
            writer.writerow(("undated" if row.year is None else row.year, row.resolutions,
                             row.actions))
        return out.getvalue()
    writer.writerow(GAP_COLUMNS)
    for group in chart.groups:
        f = group.figures
        key = "" if group.key in (None, OTHERS) else group.key
        writer.writerow([_cell(key), _cell(group.label), f.endorsing, f.checked, f.unchecked,
                         f.paper_only, f.acted_not_mobilized, f.mobilized,
                         _ratio(f.paper_only_share), _ratio(f.mobilized_share), _ratio(f.gap),
                         _ratio(f.gap_among_checked), f.members_known, f.members,
                         f.members_mobilized, _ratio(f.members_gap)])
    return out.getvalue()


def query_args(filters: dict[str, Any]) -> dict[str, str]:
    """The loaded filters as query-string arguments, to carry them into links."""
    args = {}
    for name in FILTER_FIELDS:
        value = filters.get(name)
        if value is not None:
            args[name] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return args


Options = list[tuple[str, str]]  # (value, label) pairs of a select
# The evidence levels in one word each, as the filter names them.
EVIDENCE_NAMES = {"reported": N_("Reported"), "sourced": N_("Sourced"), "primary": N_("Primary")}


@dataclass(frozen=True)
class FilterChoices:
    states: Options
    levels: Options
    affiliations: Options
    bill_families: Options
    evidence: Options
    adoption: Options
    organization_types: Options


@versioned
def filter_choices(language: str) -> FilterChoices:
    """The options of the filter form in `language` (the cache keeps one per language): values
    present in the registry, and the vocabularies."""
    states = db.session.scalars(select(Body.state).where(Body.state.is_not(None))
                                .group_by(Body.state).order_by(Body.state))
    affiliations = db.session.scalars(select(Body.affiliation).where(Body.affiliation.is_not(None))
                                      .group_by(Body.affiliation).order_by(Body.affiliation))
    return FilterChoices(
        states=[(code, f"{code} — {state_name(code)}") for code in states],
        levels=[(code, translate(label)) for code, label in LEVELS.items()],
        affiliations=[(name, name) for name in affiliations],
        bill_families=[(family, gettext("Medicare for All in general (no bill named)")
                        if family == GENERAL_FAMILY else label)
                       for family, label in bill_families().items()],
        evidence=[(level, translate(EVIDENCE_NAMES[level])) for level in EVIDENCE_LEVELS],
        adoption=[("report", gettext("A report or the record (not only a roster)")),
                  ("record", gettext("The resolution's record (text, minutes or a vote)"))],
        organization_types=[("allied", gettext("Allied organizations only")),
                            ("all", gettext("Union bodies and allied organizations"))],
    )


def list_args(args: dict[str, str], group: GapGroup) -> dict[str, str] | None:
    """Query arguments of the body list showing this group's endorsing bodies, if it has one."""
    if group.filter is None:
        return None
    return {"organization_type": "union", **args, **{k: str(v) for k, v in group.filter.items()},
            "endorsing": "true"}
