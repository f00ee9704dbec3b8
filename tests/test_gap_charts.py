"""The SVG charts draw exactly what their tables say, and never rely on colour alone."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from registry.followthrough.aggregates import GapFigures, YearActivity
from registry.gap.charts import BAR_W, PLOT_HEIGHT, gap_bars, nice_ceiling, year_bars

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))  # noqa: S314 - our own markup, parsed to check it


def bars(svg: ET.Element, key: str) -> list[ET.Element]:
    """The bars of one series, leaving out the legend's swatches."""
    groups = [g for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("class") in ("row", "year")]
    return [r for g in groups for r in g.iter("{http://www.w3.org/2000/svg}rect")
            if f"bar-{key}" in r.get("class", "").split()]


def test_gap_bars_split_each_group_in_proportion():
    rows = [("Local union", GapFigures(4, 4, 1, 2, 0, 0, 0)),  # 1 paper, 1 acted, 2 mobilized
            ("Council", GapFigures(4, 2, 1, 0, 0, 0, 0)),  # 2 unchecked, 1 paper, 1 acted
            ("Federation", GapFigures.empty())]
    svg = parse(gap_bars("chart-level", "Gap by level", rows, 3))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-level-title chart-level-desc"
    assert svg.find("svg:title", NS).text == "Gap by level"
    widths = [float(r.get("width")) for key in ("unchecked", "paper", "acted", "mobilized")
              for r in bars(svg, key)]
    # The council: unchecked, paper, acted; the local: paper, acted, mobilized.
    expected = [BAR_W / 2, BAR_W / 4, BAR_W / 4, BAR_W / 4, BAR_W / 4, BAR_W / 2]
    assert widths == pytest.approx(expected, abs=0.05)
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "gap 50% of 4 checked" in texts  # the value is written, not only drawn
    assert "gap 100% of 2 checked" in texts
    assert "no endorsing bodies" in texts  # the empty group gets words, not a bar
    assert "Mobilized (tier 3 and up)" in texts and "Paper only (checked)" in texts
    assert "Not yet checked" in texts


def test_series_differ_by_pattern_not_only_colour():
    svg = parse(gap_bars("c", "t", [("A", GapFigures(3, 3, 1, 1, 0, 0, 0))], 3))
    fills = {key: bars(svg, key)[0].get("fill") for key in ("paper", "acted", "mobilized")}
    assert fills["paper"] == "url(#c-paper)" and fills["acted"] == "url(#c-acted)"
    patterns = {p.get("id"): p for p in svg.iter("{http://www.w3.org/2000/svg}pattern")}
    assert patterns["c-paper"].find("svg:line", NS) is not None  # hatched
    assert patterns["c-acted"].find("svg:circle", NS) is not None  # dotted
    assert fills["mobilized"].startswith("#")  # solid


def test_labels_are_escaped():
    svg = gap_bars("c", "<b>", [("<script>alert(1)</script>", GapFigures(1, 1, 1, 0, 0, 0, 0))], 3)
    assert "<script>" not in str(svg) and "&lt;script&gt;" in str(svg)
    assert parse(svg).find("svg:title", NS).text == "<b>"


def test_year_bars_heights_follow_the_counts():
    years = [YearActivity(2019, 10, 5), YearActivity(2020, 0, 20)]
    svg = parse(year_bars("chart-year", "Per year", years))
    top, _ = nice_ceiling(20)
    heights = {key: [float(r.get("height")) for r in bars(svg, key)]
               for key in ("resolutions", "actions")}
    assert heights["resolutions"] == pytest.approx([PLOT_HEIGHT * 10 / top], abs=0.05)
    assert heights["actions"] == pytest.approx([PLOT_HEIGHT * 5 / top, PLOT_HEIGHT * 20 / top],
                                               abs=0.05)
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert {"2019", "2020", "10", "5", "0", "20"} <= set(texts)


@pytest.mark.parametrize("value,expected", [
    (0, (4, 1)), (3, (4, 1)), (7, (8, 2)), (20, (20, 5)), (64, (80, 20)), (101, (150, 50)),
    (999, (1000, 500)),
])
def test_nice_axis(value, expected):
    assert nice_ceiling(value) == expected
