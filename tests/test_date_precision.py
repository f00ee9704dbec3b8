"""Dates are shown as precisely as the record knows them, in one style: "2019", "June 2019",
"12 June 2019"; never a day invented for a year-only record. Downloads keep ISO dates plus
their precision."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from registry.text import format_partial_date


@pytest.mark.parametrize("precision, shown", [("year", "2019"), ("month", "June 2019"),
                                              ("day", "12 June 2019"), (None, "12 June 2019")])
def test_one_style_at_the_records_precision(precision, shown):
    assert format_partial_date(date(2019, 6, 12), precision) == shown
    assert format_partial_date(datetime(2019, 6, 12, 23, 5, tzinfo=UTC)) == "12 June 2019"


@pytest.fixture
def year_only(make_body, make_resolution):
    """An endorser known only to have adopted its resolution in 2019, long dormant."""
    body = make_body(name="Year Only Council", slug="year-only-council", latitude=39.9671,
                     longitude=-83.0044, geocode_precision="zip", zip="43215")
    make_resolution(body, adopted_on=date(2019, 1, 1), date_precision="year")
    return body


def test_the_body_keeps_the_precision_of_its_dates(year_only):
    assert (year_only.first_resolution_on, year_only.first_resolution_precision) == (date(2019, 1, 1), "year")
    assert (year_only.last_activity_on, year_only.last_activity_precision) == (date(2019, 12, 31), "year")


@pytest.mark.parametrize("url", ["/bodies", "/map", "/bodies/year-only-council",
                                 "/organize?near=43215&radius_mi=25"])
def test_pages_show_the_year_not_an_invented_day(client, year_only, url):
    page = client.get(url).get_data(as_text=True)
    assert "Year Only Council" in page
    for invented in ("31 December 2019", "2019-12-31", "December 2019", "1 January 2019", "2019-01-01"):
        assert invented not in page, (url, invented)


def test_the_dormant_reason_and_the_profile_say_the_year(client, year_only):
    profile = client.get("/bodies/year-only-council").get_data(as_text=True)
    assert "since 2019" in profile
    organize = client.get("/organize?near=43215&radius_mi=25").get_data(as_text=True)
    assert "dormant since 2019" in organize and "Last activity: 2019" in organize


def test_downloads_keep_iso_dates_and_their_precision(client, year_only):
    [row] = csv.DictReader(io.StringIO(client.get("/bodies.csv").get_data(as_text=True)))
    assert (row["first_resolution_on"], row["first_resolution_precision"]) == ("2019-01-01", "year")
    assert (row["last_activity_on"], row["last_activity_precision"]) == ("2019-12-31", "year")
    item = client.get("/api/v1/bodies/year-only-council").get_json()
    assert (item["last_activity_on"], item["last_activity_precision"]) == ("2019-12-31", "year")


def test_a_day_known_exactly_wins_over_a_year_ending_the_same_day(make_body, make_resolution,
                                                                  make_action):
    body = make_body()
    make_resolution(body, adopted_on=date(2019, 1, 1), date_precision="year")
    make_action(body, kind="rally_or_march", occurred_on=date(2019, 12, 31), date_precision="day")
    assert (body.last_activity_on, body.last_activity_precision) == (date(2019, 12, 31), "day")
