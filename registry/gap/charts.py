"""Server-rendered SVG charts: no script, no CDN, readable without colour.

Each chart carries its own title and description for assistive technology, draws every
series with a distinct pattern as well as a colour, and writes the value beside each bar.
The page puts a data table next to every chart; the charts only draw what the table says.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext
from markupsafe import Markup

from registry.followthrough import ladder
from registry.followthrough.aggregates import GapFigures, YearActivity
from registry.gap.services import GapChart, YearChart
from registry.languages import number, share

INK = "#1d232b"
GRID = "#c9d0d9"
WIDTH = 760


@dataclass(frozen=True)
class Series:
    """One kind of bar: how it is filled (pattern id suffix) and what it is called."""

    key: str
    label: str


def _svg(chart_id: str, height: float, title: str, description: str) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {WIDTH} {_n(height)}",
        "class": "chart", "role": "img", "id": chart_id,
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
    })
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = description
    return svg


def _n(value: float) -> str:
    """Coordinates with at most one decimal, so the markup stays small and stable."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _patterns(svg: ET.Element, chart_id: str) -> None:
    """Fills that differ in texture, not only in hue: hatched, dotted, solid, striped."""
    defs = ET.SubElement(svg, "defs")
    hatched = ET.SubElement(defs, "pattern", {
        "id": f"{chart_id}-paper", "width": "6", "height": "6",
        "patternUnits": "userSpaceOnUse", "patternTransform": "rotate(45)"})
    ET.SubElement(hatched, "rect", {"width": "6", "height": "6", "fill": "#eceff3"})
    ET.SubElement(hatched, "line", {"x1": "0", "y1": "0", "x2": "0", "y2": "6",
                                    "stroke": "#55606e", "stroke-width": "2"})
    dotted = ET.SubElement(defs, "pattern", {
        "id": f"{chart_id}-acted", "width": "5", "height": "5", "patternUnits": "userSpaceOnUse"})
    ET.SubElement(dotted, "rect", {"width": "5", "height": "5", "fill": "#a9cbe9"})
    ET.SubElement(dotted, "circle", {"cx": "2.5", "cy": "2.5", "r": "1.2", "fill": "#0b2f52"})
    striped = ET.SubElement(defs, "pattern", {
        "id": f"{chart_id}-actions", "width": "6", "height": "6",
        "patternUnits": "userSpaceOnUse", "patternTransform": "rotate(-45)"})
    ET.SubElement(striped, "rect", {"width": "6", "height": "6", "fill": "#f2a65a"})
    ET.SubElement(striped, "line", {"x1": "0", "y1": "0", "x2": "0", "y2": "6",
                                    "stroke": "#3d1d00", "stroke-width": "2.5"})
    gridded = ET.SubElement(defs, "pattern", {
        "id": f"{chart_id}-unchecked", "width": "8", "height": "8", "patternUnits": "userSpaceOnUse"})
    ET.SubElement(gridded, "rect", {"width": "8", "height": "8", "fill": "#ffffff"})
    ET.SubElement(gridded, "path", {"d": "M0 0H8M0 0V8", "stroke": "#9aa3ad", "stroke-width": "1"})


FILLS = {"unchecked": "url(#{id}-unchecked)", "paper": "url(#{id}-paper)",
         "acted": "url(#{id}-acted)", "mobilized": "#8c1c13", "resolutions": "#0b5cad",
         "actions": "url(#{id}-actions)"}


def _fill(chart_id: str, key: str) -> str:
    return FILLS[key].format(id=chart_id)


def _rect(parent: ET.Element, chart_id: str, key: str, x: float, y: float, w: float,
          h: float) -> None:
    ET.SubElement(parent, "rect", {"x": _n(x), "y": _n(y), "width": _n(w), "height": _n(h),
                                   "fill": _fill(chart_id, key), "stroke": INK,
                                   "stroke-width": "0.75", "class": f"bar bar-{key}"})


def _text(parent: ET.Element, x: float, y: float, text: str, anchor: str = "start",
          css: str = "") -> None:
    attributes = {"x": _n(x), "y": _n(y), "text-anchor": anchor}
    if css:
        attributes["class"] = css
    ET.SubElement(parent, "text", attributes).text = text


def _legend(svg: ET.Element, chart_id: str, series: Sequence[Series]) -> None:
    legend = ET.SubElement(svg, "g", {"class": "legend"})
    x = 8.0
    for item in series:
        _rect(legend, chart_id, item.key, x, 4, 16, 14)
        _text(legend, x + 22, 16, item.label)
        x += 22 + 7.2 * len(item.label) + 18


def _markup(svg: ET.Element) -> Markup:
    return Markup(ET.tostring(svg, encoding="unicode"))  # noqa: S704 - ElementTree escapes text


# Gap by group: one 100% bar per group ------------------------------------------------------

LABEL_END, BAR_X, BAR_W, ROW, TOP = 196.0, 204.0, 330.0, 28.0, 56.0


def gap_series(mobilized_tier: int) -> tuple[Series, ...]:
    acted = gettext("Acted, not mobilized (tier 1)") if mobilized_tier == 2 else gettext(
        "Acted, not mobilized (tiers 1–%(below)s)", below=mobilized_tier - 1)
    return (Series("unchecked", gettext("Not yet checked")),
            Series("paper", gettext("Paper only (checked)")),
            Series("acted", acted),
            Series("mobilized", gettext("Mobilized (tier %(tier)s and up)", tier=mobilized_tier)))


def gap_bars(chart_id: str, title: str, rows: Sequence[tuple[str, GapFigures]],
             mobilized_tier: int) -> Markup:
    """Stacked 100% bars of endorsing bodies by follow-through, with the gap written beside."""
    height = TOP + ROW * len(rows) + 8
    description = gettext(
        "One bar per group, %(groups)s groups. Each bar splits the group's endorsing bodies into "
        "not yet checked (grid), paper only after a check (hatched), acted but not mobilized "
        "(dotted) and mobilized (solid); the text beside it gives the gap among the checked "
        "bodies. The table after the chart lists every figure.", groups=number(len(rows)))
    svg = _svg(chart_id, height, title, description)
    _patterns(svg, chart_id)
    _legend(svg, chart_id, gap_series(mobilized_tier))
    axis = ET.SubElement(svg, "g", {"class": "axis"})
    for step in range(5):
        x = BAR_X + BAR_W * step / 4
        ET.SubElement(axis, "line", {"x1": _n(x), "x2": _n(x), "y1": _n(TOP - 8),
                                     "y2": _n(height - 6), "stroke": GRID})
        _text(axis, x, TOP - 12, share(step / 4), "middle", "tick")
    for index, (label, figures) in enumerate(rows):
        y = TOP + ROW * index
        row = ET.SubElement(svg, "g", {"class": "row"})
        _text(row, LABEL_END, y + 17, _clip(label, 28), "end", "label")
        if not figures.endorsing:
            _text(row, BAR_X + 6, y + 17, gettext("no endorsing bodies"), css="empty")
            continue
        x = BAR_X
        parts = (("unchecked", figures.unchecked), ("paper", figures.paper_only),
                 ("acted", figures.acted_not_mobilized), ("mobilized", figures.mobilized))
        for key, part in parts:
            if part:
                width = BAR_W * part / figures.endorsing
                _rect(row, chart_id, key, x, y + 4, width, ROW - 9)
                x += width
        gap = gettext("gap %(share)s of %(checked)s checked", share=share(figures.gap_among_checked),
                      checked=number(figures.checked)) if figures.checked \
            else gettext("gap none checked")
        _text(row, BAR_X + BAR_W + 8, y + 17, gap, css="value")
    return _markup(svg)


def _clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


# Resolutions and actions per year: grouped columns ------------------------------------------

PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_HEIGHT = 52.0, 12.0, 44.0, 230.0


def year_series() -> tuple[Series, ...]:
    return (Series("resolutions", gettext("Resolutions adopted")),
            Series("actions", gettext("Actions taken")))


def nice_ceiling(value: int) -> tuple[int, int]:
    """An axis top and tick step: 1, 2 or 5 times a power of ten, about four ticks."""
    if value <= 4:
        return 4, 1
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return int(step * math.ceil(value / step)), int(step)


def year_bars(chart_id: str, title: str, years: Sequence[YearActivity]) -> Markup:
    """Two columns per year (resolutions solid, actions striped), each with its count on top."""
    height = PLOT_TOP + PLOT_HEIGHT + 40
    description = gettext(
        "Two columns for each of %(count)s years from %(first)s to %(last)s: supporting "
        "resolutions adopted (solid) and follow-through actions taken (striped), each labelled "
        "with its count where space allows. The table after the chart lists every figure.",
        count=number(len(years)), first=years[0].year, last=years[-1].year)
    svg = _svg(chart_id, height, title, description)
    _patterns(svg, chart_id)
    _legend(svg, chart_id, year_series())
    top, step = nice_ceiling(max(max(y.resolutions, y.actions) for y in years))
    plot_width = WIDTH - PLOT_LEFT - PLOT_RIGHT
    base = PLOT_TOP + PLOT_HEIGHT
    axis = ET.SubElement(svg, "g", {"class": "axis"})
    for tick in range(0, top + 1, step):
        y = base - PLOT_HEIGHT * tick / top
        ET.SubElement(axis, "line", {"x1": _n(PLOT_LEFT), "x2": _n(WIDTH - PLOT_RIGHT),
                                     "y1": _n(y), "y2": _n(y), "stroke": GRID})
        _text(axis, PLOT_LEFT - 6, y + 4, number(tick), "end", "tick")
    slot = plot_width / len(years)
    bar = min(slot * 0.4, 26.0)
    label_every = max(1, math.ceil(36 / slot))
    for index, year in enumerate(years):
        centre = PLOT_LEFT + slot * (index + 0.5)
        group = ET.SubElement(svg, "g", {"class": "year"})
        ET.SubElement(group, "title").text = gettext(
            "%(year)s: %(resolutions)s resolutions, %(actions)s actions", year=year.year,
            resolutions=number(year.resolutions), actions=number(year.actions))
        for offset, key, value in ((-bar - 1, "resolutions", year.resolutions),
                                   (1, "actions", year.actions)):
            height_px = PLOT_HEIGHT * value / top
            if value:
                _rect(group, chart_id, key, centre + offset, base - height_px, bar, height_px)
            if bar >= 9:
                _text(group, centre + offset + bar / 2, base - height_px - 3, number(value),
                      "middle", "value small")
        if index % label_every == 0:
            _text(group, centre, base + 16, str(year.year), "middle", "tick")
    ET.SubElement(svg, "line", {"x1": _n(PLOT_LEFT), "x2": _n(WIDTH - PLOT_RIGHT),
                                "y1": _n(base), "y2": _n(base), "stroke": INK})
    return _markup(svg)


def chart_svg(chart: GapChart | YearChart) -> Markup:
    """The SVG drawing of a chart of the gap page (nothing when it has nothing to draw)."""
    chart_id = f"chart-{chart.slug}"
    if isinstance(chart, YearChart):
        return year_bars(chart_id, chart.title, chart.years) if chart.years else Markup("")
    rows = [(group.label, group.figures) for group in chart.groups]
    return gap_bars(chart_id, chart.title, rows, ladder.MOBILIZED_TIER) if rows else Markup("")
