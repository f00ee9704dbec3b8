"""/data downloads, the data package, the change log, and the Atom feed."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest

from registry.database import db
from registry.feeds import services as feeds

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def registry(make_body, make_resolution, make_action, make_bill):
    bill = make_bill(code="HR 1384", slug="hr-1384")
    ohio = make_body(name="Ohio Local", state="OH")
    california = make_body(name="California Local", state="CA")
    resolution = make_resolution(ohio, bill_id=bill.id)
    make_resolution(california)
    make_action(california, "lobby_visit")
    resolution.published_at = datetime(2025, 3, 5, 12, 0)
    db.session.commit()
    return {"ohio": ohio, "california": california}


def test_data_page_lists_downloads_dictionary_licence_citation(client, registry):
    page = client.get("/data").get_data(as_text=True)
    for text in ("bodies.csv", "resolutions.json", "bodies.geojson", "datapackage.json",
                 "first_resolution_on", "Open Data Commons Attribution", "snapshot of",
                 "Change log"):
        assert text in page, text


@pytest.mark.parametrize("table,count", [("bodies", 2), ("resolutions", 2), ("actions", 1),
                                         ("bills", 1), ("sources", 3)])
def test_full_downloads_hold_every_published_row(client, registry, table, count):
    rows = list(csv.DictReader(io.StringIO(client.get(f"/data/{table}.csv").get_data(as_text=True))))
    assert len(rows) == count
    items = json.loads(client.get(f"/data/{table}.json").get_data())["items"]
    assert len(items) == count


def test_unknown_download_is_404(client):
    assert client.get("/data/users.csv").status_code == 404
    assert client.get("/data/actions.geojson").status_code == 404


def test_data_package_describes_every_file_and_field(client, registry):
    package = client.get("/data/datapackage.json").get_json()
    assert package["profile"] == "tabular-data-package"
    names = {r["name"] for r in package["resources"]}
    assert names == {"bodies", "resolutions", "actions", "checks", "sources", "bills"}
    for resource in package["resources"]:
        header = client.get(resource["path"].replace("http://localhost", "")).get_data(as_text=True)
        columns = header.splitlines()[0].split(",")
        assert columns == [f["name"] for f in resource["schema"]["fields"]], resource["name"]
        assert all(f["type"] in {"string", "integer", "number", "boolean", "date", "datetime"}
                   for f in resource["schema"]["fields"])


def test_change_log_counts_by_month_of_publication(client, registry):
    from registry.datasets.services import change_log

    months = {m.month: m for m in change_log()}
    assert months["2025-03"].resolutions == 1
    this_month = f"{date.today():%Y-%m}"
    assert months[this_month].resolutions == 1 and months[this_month].actions == 1


def test_change_log_counts_each_month_to_its_last_moment(app, make_body, make_resolution,
                                                         make_action):
    """Months are counted as ranges: a record published in the last microsecond of a month
    counts there and one at midnight on the 1st counts in the next; quiet months are left out;
    the year turns."""
    from registry.datasets.services import change_log

    body = make_body(name="Monthly Local")
    body.published_at = datetime(2024, 11, 30, 23, 59, 59, 999999)
    late, early = make_resolution(body), make_resolution(body)
    late.published_at = datetime(2024, 12, 31, 23, 59, 59, 999999)
    early.published_at = datetime(2025, 1, 1, 0, 0)
    make_action(body, "lobby_visit").published_at = datetime(2025, 3, 1, 0, 0)
    db.session.commit()
    assert [(m.month, m.bodies, m.resolutions, m.actions) for m in change_log()] == [
        ("2025-03", 0, 0, 1), ("2025-01", 0, 1, 0), ("2024-12", 0, 1, 0), ("2024-11", 1, 0, 0)]


def test_change_log_of_an_empty_registry_is_empty(app):
    from registry.datasets.services import change_log

    assert change_log() == []


def test_atom_feed_lists_new_records_and_filters_by_state(client, registry):
    response = client.get("/feeds/published.atom")
    assert response.content_type.startswith("application/atom+xml")
    feed = ET.fromstring(response.data)
    titles = [e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")]
    assert len(titles) == 3
    assert titles[-1] == "Ohio Local: Resolution for Medicare for All"  # published earliest: last
    ohio = ET.fromstring(client.get("/feeds/published.atom?state=OH").data)
    assert [e.find(f"{ATOM}title").text for e in ohio.iter(f"{ATOM}entry")] == titles[-1:]


@pytest.mark.parametrize("walk_share", [0.0, 2.0])  # every filter walks; none does (SQLite)
def test_feed_of_a_filter_lists_the_newest_records_of_its_bodies_however_read(
        app, make_body, make_resolution, make_action, make_check, monkeypatch, walk_share):
    """The newest records of the filter's bodies, newest first, whether SQLite walks the index
    of publication or reads the bodies' records (see feeds.services.WALK_SHARE), with a limit
    that cuts among them."""
    monkeypatch.setattr(feeds, "WALK_SHARE", walk_share)
    expected = []
    for n, state in enumerate(["CA", "OH", "CA", "NY", "CA"]):
        body = make_body(name=f"Local {n}", state=state)
        records = [make_resolution(body), make_action(body, "lobby_visit"), make_check(body)]
        for k, record in enumerate(records):
            record.published_at = datetime(2025, 1, 1 + n, k)
            if state == "CA":
                expected.append((record.published_at, f"{type(record).__name__.lower()}-{record.id}"))
    db.session.commit()
    expected.sort(reverse=True)
    entries = feeds.latest_entries({"state": "CA"}, limit=7)
    assert [(e.published, e.tag) for e in entries] == expected[:7]


def test_feed_escapes_text(client, make_body, make_resolution):
    body = make_body(name="Local <b>&</b>")
    make_resolution(body)
    feed = ET.fromstring(client.get("/feeds/published.atom").data)
    assert next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}title").text.startswith("Local <b>&</b>")


def test_feed_refuses_bad_filters(client):
    assert client.get("/feeds/published.atom?state=Ohio").status_code == 400
