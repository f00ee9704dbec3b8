"""What the site writes for others to read stays harmless and well-formed whatever a record holds:
the Atom feed is XML (no character XML forbids), CSV cells never start a spreadsheet formula, and
CSV downloads say their media type once."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"


# Finding 4: control characters in published records broke the Atom feed ------------------------

@pytest.mark.parametrize("bad", ["\x0b", "\x1b", "\x08", "\x0c", "\ufffe", "\x1f"])
def test_the_feed_stays_xml_whatever_a_record_holds(client, make_body, make_resolution,
                                                    make_action, bad):
    """Records stored before the input rules, or loaded around them, never break the feed."""
    body = make_body(name=f"Local{bad} 7", state="OH")
    make_resolution(body, title=f"Title{bad}with a control character")
    make_action(body, "rally_or_march", description=f"Marched{bad}")
    response = client.get("/feeds/published.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.data)  # raised "not well-formed (invalid token)"
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert "Local\ufffd 7: Title\ufffdwith a control character" in titles
    assert bad not in response.get_data(as_text=True)


def test_the_feed_keeps_tabs_line_breaks_and_all_of_unicode(client, make_body, make_resolution):
    body = make_body(name="Ünïcödé Local 🙂", state="OH")
    make_resolution(body, title="Tab\there")
    feed = ET.fromstring(client.get("/feeds/published.atom").data)
    assert next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}title").text == "Ünïcödé Local 🙂: Tab\there"


# Finding 2: CSV formula injection ---------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1",
            "\r=1"]

def cells(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))


@pytest.mark.parametrize("formula", FORMULAS)
def test_no_csv_cell_starts_a_formula(client, make_body, make_resolution, make_action, formula):
    """/bodies.csv and every /data table: a text cell starting with = + - @, tab or carriage
    return is written with a leading apostrophe, so spreadsheets show it as text."""
    body = make_body(name=formula, designation=formula, city=formula, state="OH")
    make_resolution(body, title=formula, summary=formula)
    make_action(body, "rally_or_march", description=formula)
    found = {
        "/bodies.csv": [row["name"] for row in cells(client.get("/bodies.csv"))],
        "/data/bodies.csv": [row["name"] for row in cells(client.get("/data/bodies.csv"))],
        "/data/resolutions.csv": [row["title"] for row in cells(client.get("/data/resolutions.csv"))],
        "/data/actions.csv": [row["description"] for row in cells(client.get("/data/actions.csv"))],
    }
    assert found == {path: ["'" + formula] for path in found}


def test_a_carriage_return_inside_a_cell_never_splits_a_row(client, make_body, make_action):
    """A bare \r was written unquoted (the line terminator was \n), so readers split the row."""
    body = make_body(state="OH")
    make_action(body, "rally_or_march", description="First line\rsecond line")
    rows = cells(client.get("/data/actions.csv"))
    assert [row["description"] for row in rows] == ["First line\rsecond line"]


# Finding 10: CSV media type said charset=utf-8 twice --------------------------------------------

@pytest.mark.parametrize("path", ["/bodies.csv", "/data/bodies.csv", "/data/resolutions.csv",
                                  "/data/actions.csv", "/data/sources.csv", "/data/bills.csv",
                                  "/gap/state.csv", "/organize/calls.csv?near=43215&radius_mi=30"])
def test_csv_downloads_say_their_media_type_once(client, make_body, path):
    make_body(state="OH", latitude=39.96, longitude=-83.0, geocode_precision="city", zip="43215")
    response = client.get(path)
    response.get_data()  # read the stream to its end before judging the answer
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
