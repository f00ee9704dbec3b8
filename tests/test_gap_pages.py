"""The /gap page: charts with captions, tables and CSV downloads of the same figures, the shared
filters in the URL, empty groups, and a fixed number of queries whatever the data size."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from tests.gap_registry import EXPECTED, EXPECTED_YEARS, build_gap_registry

CHARTS = ("level", "affiliation", "state", "year")


@pytest.fixture
def registry(make_body, make_bill, make_resolution, make_action, make_check):
    return build_gap_registry(make_body, make_bill, make_resolution, make_action, make_check)


class TableReader(HTMLParser):
    """Collects the chart tables of the page: {table id: {row label: {column: text}}}."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, dict[str, dict[str, str]]] = {}
        self.table = self.row = self.column = None
        self.label: list[str] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id", "").endswith("-table"):
            self.table = self.tables.setdefault(attrs["id"], {})
        elif self.table is not None and tag == "tr" and "data-group" in attrs:
            self.row, self.label = {}, []
        elif self.row is not None and tag == "th":
            self.column, self.text = "label", []
        elif self.row is not None and tag == "td":
            self.column, self.text = attrs.get("data-col", attrs.get("class", "")), []

    def handle_data(self, data):
        if self.column is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.column is not None:
            self.row[self.column] = " ".join("".join(self.text).split())
            self.column = None
        elif tag == "tr" and self.row is not None:
            self.table[self.row.pop("label")] = self.row
            self.row = None
        elif tag == "table":
            self.table = None


def read_tables(html: str) -> dict[str, dict[str, dict[str, str]]]:
    reader = TableReader()
    reader.feed(html)
    return reader.tables


def count_in(cell: str) -> int:
    """The part count of a share cell such as '38% 3 of 8'."""
    return int(re.search(r"([\d,]+) of [\d,]+", cell).group(1).replace(",", ""))


def percent_in(cell: str) -> int:
    return int(re.match(r"(\d+)%", cell).group(1))


def test_gap_page_has_every_chart_with_caption_table_and_download(client, registry):
    page = client.get("/gap").get_data(as_text=True)
    for chart in CHARTS:
        section = page.split(f'id="by-{chart}"')[1].split("</section>")[0]
        assert '<svg xmlns="http://www.w3.org/2000/svg"' in section, chart
        assert 'role="img"' in section and "<figcaption>" in section
        assert f'id="by-{chart}-table"' in section
        assert f'href="/gap/{chart}.csv"' in section
    assert "1 − mobilized ÷ checked" in page and "1 − mobilized ÷ endorsing" in page
    assert 'href="/about/methodology"' in page
    assert "<script" not in page  # nothing needs JavaScript


def test_tables_show_the_hand_counted_figures(client, registry):
    tables = read_tables(client.get("/gap").get_data(as_text=True))
    level = tables["by-level-table"]
    assert list(level) == ["Local union", "Central labor council", "State federation"]
    assert level["Local union"]["endorsing"] == "5"
    assert level["Local union"]["unchecked"] == "1"  # K: nobody has looked
    assert level["Local union"]["checked"] == "80% 4 of 5"
    assert level["Local union"]["paper_only"] == "1"  # C: checked, nothing found
    assert level["Local union"]["mobilized"] == "40% 2 of 5"
    assert level["Local union"]["gap_among_checked"] == "50% 2 of 4"
    assert level["Local union"]["gap"] == "60% 3 of 5"
    assert level["Local union"]["members_gap"] == "22% 500 of 2,300 members"
    assert level["Central labor council"]["members_known"] == "1 body"
    state = tables["by-state-table"]
    assert state["California"]["gap"] == "67% 2 of 3"
    assert state["New York"]["members_gap"] == "no memberships known"
    years = tables["by-year-table"]
    assert years["2017"] == {"resolutions": "1", "actions": "3"}
    assert years["2018"] == {"resolutions": "0", "actions": "0"}  # gaps between years are zeros
    assert years["Undated (not drawn)"] == {"resolutions": "1", "actions": "1"}


def test_a_state_with_bodies_but_no_endorser_says_so(client, registry):
    """Empty groups show "no endorsing bodies" instead of a share."""
    tables = read_tables(client.get("/gap").get_data(as_text=True))
    vermont = tables["by-state-table"]["Vermont"]
    assert vermont == {"endorsing": "0", "empty-group": "no endorsing bodies"}
    page = client.get("/gap?state=NY&level=local").get_data(as_text=True)
    assert "No endorsing bodies match these filters" in page
    assert ">no endorsing bodies<" in page
    assert "0%" not in page.split('id="by-level"')[1].split("</section>")[0]


@pytest.mark.parametrize("chart", CHARTS)
def test_csv_downloads_equal_the_table_figures(client, registry, chart):
    """Every CSV holds exactly the figures of the table beside its chart."""
    tables = read_tables(client.get("/gap").get_data(as_text=True))
    table = tables[f"by-{chart}-table"]
    response = client.get(f"/gap/{chart}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    if chart == "year":
        assert len(rows) == len(table)
        for row in rows:
            label = "Undated (not drawn)" if row["year"] == "undated" else row["year"]
            assert table[label] == {"resolutions": row["resolutions_adopted"],
                                    "actions": row["actions_taken"]}
            year = None if row["year"] == "undated" else int(row["year"])
            assert (int(row["resolutions_adopted"]), int(row["actions_taken"])) == \
                EXPECTED_YEARS.get(year, (0, 0))
        return
    assert [row["label"] for row in rows] == list(table)
    for row in rows:
        cells = table[row["label"]]
        assert cells["endorsing"] == row["endorsing"]
        if row["group"]:
            expected = EXPECTED[chart].get(row["group"], (0,) * 7)
            assert (int(row["endorsing"]), int(row["checked"]), int(row["paper_only"]),
                    int(row["mobilized"]), int(row["members_known"]), int(row["members"]),
                    int(row["members_mobilized"])) == expected
            assert int(row["checked"]) + int(row["unchecked"]) == int(row["endorsing"])
        if row["gap"] == "":
            assert cells["empty-group"] == "no endorsing bodies"
            continue
        assert cells["paper_only"] == row["paper_only"] and cells["unchecked"] == row["unchecked"]
        assert count_in(cells["checked"]) == int(row["checked"])
        assert count_in(cells["mobilized"]) == int(row["mobilized"])
        if row["gap_among_checked"]:
            assert percent_in(cells["gap_among_checked"]) == round(float(row["gap_among_checked"]) * 100)
            assert count_in(cells["gap_among_checked"]) == int(row["checked"]) - int(row["mobilized"])
        assert cells["acted_not_mobilized"] == row["acted_not_mobilized"]
        assert percent_in(cells["gap"]) == round(float(row["gap"]) * 100)
        assert count_in(cells["gap"]) == int(row["endorsing"]) - int(row["mobilized"])


def test_filters_narrow_the_page_and_stay_in_the_links(client, registry):
    """The URL holds the filters; charts, CSV links and the body-list link carry them."""
    page = client.get("/gap?state=CA&bill_family=calcare").get_data(as_text=True)
    tables = read_tables(page)
    assert list(tables["by-state-table"]) == ["California"]
    assert list(tables["by-level-table"]) == ["Central labor council"]  # only B backs CalCare
    assert tables["by-level-table"]["Central labor council"]["endorsing"] == "1"
    assert 'href="/gap/level.csv?state=CA&amp;bill_family=calcare"' in page
    assert '<option value="CA" selected>' in page
    assert '<option value="calcare" selected>' in page
    csv_text = client.get("/gap/level.csv?state=CA&bill_family=calcare").get_data(as_text=True)
    assert "central_labor_council,Central labor council,1,1,0,0,1,0," in csv_text


def test_group_labels_link_to_the_matching_body_list(client, registry):
    page = client.get("/gap?state=OH").get_data(as_text=True)
    link = re.search(r'<a href="(/bodies\?[^"]*level=local[^"]*)">Local union</a>', page).group(1)
    listing = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "Ohio Steel" in listing and "Oakland Nurses" not in listing


def test_sort_and_page_arguments_of_the_body_list_are_ignored(client, registry):
    """A researcher may paste the body list's query string: its filters apply, the rest is ignored."""
    response = client.get("/gap?state=CA&sort=tier&page=2")
    assert response.status_code == 200
    assert list(read_tables(response.get_data(as_text=True))["by-state-table"]) == ["California"]


@pytest.mark.parametrize("query,field", [
    ("state=Ohio", "state"), ("level=galaxy", "level"), ("year_from=20x", "year_from"),
    ("year_from=2020&year_to=2010", "year_from"), ("tier=9", "tier"),
])
def test_bad_filters_name_the_field_and_store_nothing(client, registry, query, field):
    response = client.get(f"/gap?{query}")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    csv_response = client.get(f"/gap/level.csv?{query}")
    assert csv_response.status_code == 400
    assert field in csv_response.get_data(as_text=True)


def test_unknown_chart_is_a_404(client):
    assert client.get("/gap/colour.csv").status_code == 404


def test_empty_registry_still_renders(client):
    page = client.get("/gap").get_data(as_text=True)
    assert "No endorsing bodies match these filters" in page
    assert "No resolutions or actions match these filters." in page
    assert client.get("/gap/year.csv").get_data(as_text=True) == \
        "year,resolutions_adopted,actions_taken\r\n"


def test_csv_cells_cannot_start_a_formula(client, make_body, make_resolution):
    body = make_body(affiliation="=HYPERLINK(1)")
    make_resolution(body)
    text = client.get("/gap/affiliation.csv").get_data(as_text=True)
    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text


def _grow(make_body, make_resolution, make_action, n: int) -> None:
    """More bodies in new states, levels, affiliations and years."""
    states = ("WA", "OR", "IL", "MN", "PA", "NJ", "MI", "WI")
    levels = ("local", "national_union", "area_labor_federation", "district_council")
    for i in range(n):
        body = make_body(slug=f"grown-{i}", state=states[i % len(states)],
                         level=levels[i % len(levels)], affiliation=f"U{i % 15}",
                         members=100 * i or None)
        make_resolution(body, adopted_on=date(2000 + i % 20, 1 + i % 12, 1))
        make_action(body, ("rally_or_march", "testimony", "check_in")[i % 3],
                    occurred_on=date(2001 + i % 20, 1 + i % 12, 3))


def test_gap_page_query_count_does_not_grow(client, queries, registry, make_body,
                                           make_resolution, make_action):
    """/gap issues the same number of SQL statements for 11 bodies as for 51."""
    with queries() as small:
        assert client.get("/gap").status_code == 200
    _grow(make_body, make_resolution, make_action, 40)
    with queries() as large:
        assert client.get("/gap?").status_code == 200
    assert len(large) == len(small)
    # Data version, three grouped aggregates (the years in two passes: every body's records less
    # those of the other organization types), three filter choice lists.
    assert len(small) <= 8
    for chart in CHARTS:
        with queries() as statements:
            client.get(f"/gap/{chart}.csv")
        assert len(statements) <= (3 if chart == "year" else 2), chart


def test_home_page_figures_are_the_overall_gap(client, registry):
    """The home page leads with the gap among checked bodies and says how many are unchecked:
    hand-counted 8 endorsing bodies, 7 checked (4 of them never mobilized), 1 not yet checked,
    2 paper only, 3 mobilized, 322,300 members in 5 bodies."""
    page = client.get("/").get_data(as_text=True)
    headline = " ".join(page.split('class="headline"')[1].split("</p>")[0].split())
    assert "Of 8 union bodies on record as endorsing, 7 have had their follow-through checked" \
        in headline and "<strong>57% never mobilized members or money</strong>" in headline
    assert "The other 1 have not been looked at one by one yet" in headline
    figures = page.split('class="figures"')[1].split("</dl>")[0]
    assert "<dd>8</dd>" in figures and "4 of 7 checked" in figures
    assert "1 <span" in figures and "2 <span" in figures and "3 <span" in figures
    assert "322,300" in figures and "5 bodies" in figures


def test_gap_headline_matches_the_home_page(client, registry):
    gap_page = client.get("/gap").get_data(as_text=True)
    headline = gap_page.split('class="figures"')[1].split("</dl>")[0]
    assert "<dd>8</dd>" in headline and "57% <span class=\"count\">4 of 7</span>" in headline
    assert "1 of 8" in headline and "2 of 7" in headline and "5 of 8" in headline
    assert "20,500 of 322,300 members" in headline


def test_repeat_requests_reuse_the_figures_until_the_data_changes(client, queries, make_body,
                                                                  make_resolution):
    """Figures are cached per data version: a repeat costs one statement, and a published
    change shows at once."""
    make_resolution(make_body(state="CA"))
    tables = read_tables(client.get("/gap").get_data(as_text=True))
    assert tables["by-state-table"]["California"]["endorsing"] == "1"
    with queries() as repeat:
        client.get("/gap")
    assert len(repeat) == 1  # the data version; every figure comes from the cache
    make_resolution(make_body(state="CA"))
    tables = read_tables(client.get("/gap").get_data(as_text=True))
    assert tables["by-state-table"]["California"]["endorsing"] == "2"
