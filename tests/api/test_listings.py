"""The record listings of the API: each shared filter selects what it says, pages are bounded and
linked, bills carry their lineage and endorser counts, and gap figures follow the ladder."""

from __future__ import annotations

from datetime import date

import pytest

from registry.records.filters import ActionListSchema, ResolutionListSchema
from registry.records.listings import list_actions, list_resolutions


def items(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def bodies_of(client, url: str) -> list[str]:
    return [item["body"] for item in items(client, url)]


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["nurses-council", "retreating-council", "steel-local-155", "paper-local-9"]),
    ("state=NY", ["retreating-council", "paper-local-9"]),
    ("level=central_labor_council", ["nurses-council"]),
    ("affiliation=TNU", ["steel-local-155"]),
    ("tier=3", ["steel-local-155"]),
    ("body=paper-local-9", ["paper-local-9"]),
    ("bill=HR%20676", ["steel-local-155"]),
    ("bill=hr-1384", ["retreating-council"]),
    ("bill_family=calcare", ["nurses-council"]),
    ("bill_family=general", ["paper-local-9"]),
    ("evidence=primary", ["nurses-council"]),
    ("evidence=reported", ["paper-local-9"]),
    ("adopted_from=2019-01-01", ["nurses-council", "retreating-council"]),
    ("adopted_to=2010-01-01", ["steel-local-155"]),
    ("stance=oppose", []),
    ("sort=body", ["nurses-council", "paper-local-9", "retreating-council", "steel-local-155"]),
])
def test_resolution_filters(client, small_registry, query, expected):
    """Each resolution filter selects exactly the matching records, newest first, undated last."""
    assert bodies_of(client, f"/api/v1/resolutions?{query}") == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("kind=rally_or_march", ["steel-local-155"]),
    ("rung=1", ["steel-local-155"]),
    ("rung=2", ["acting-local", "nurses-council"]),
    ("counter=true", ["retreating-council"]),
    ("counter=false&state=NY", []),
    ("occurred_from=2019-01-01&occurred_to=2020-12-31", ["retreating-council", "steel-local-155"]),
    ("bill=HR%201384", ["retreating-council", "steel-local-155"]),
    ("bill_family=general&state=OH", ["steel-local-155", "acting-local"]),
    ("evidence=reported", ["nurses-council"]),
])
def test_action_filters(client, small_registry, query, expected):
    """Each action filter selects exactly the matching actions (rung = the kinds on that rung)."""
    assert bodies_of(client, f"/api/v1/actions?{query}") == expected


def test_a_backward_range_is_refused_by_name(client):
    """As on the pages: a range that runs backwards is a 422 naming its first field."""
    for url, field in (("/api/v1/resolutions?adopted_from=2020-01-01&adopted_to=2019-01-01", "adopted_from"),
                       ("/api/v1/actions?occurred_from=2020-01-01&occurred_to=2019-01-01", "occurred_from"),
                       ("/api/v1/bodies?year_from=2020&year_to=2010", "year_from")):
        response = client.get(url)
        assert response.status_code == 422
        assert list(response.get_json()["errors"]["query"]) == [field]


def test_amounts_and_sources_are_published(client, small_registry):
    funding = items(client, "/api/v1/actions?kind=funding")[0]
    assert funding["amount_usd"] == "2500.00"
    assert funding["sources"][0]["url"] == "https://example.org/funding"
    primary = items(client, "/api/v1/resolutions?evidence=primary")[0]
    assert primary["credited_to"] == "Rosa Credited"
    assert primary["sources"] == [{"url": None, "archived_url": None, "document": "/documents/" + "ab" * 32,
                                   "title": None, "publisher": None, "is_primary": True,
                                   "published_on": None}]


def test_published_since_selects_by_publication_time(client, small_registry, make_body,
                                                     make_resolution):
    """published_since takes an RFC 3339 moment, in any offset, and compares it in UTC."""
    from datetime import datetime

    from registry.database import db

    late = make_body(slug="late-local")
    resolution = make_resolution(late)
    resolution.published_at = datetime(2030, 1, 1, 12, 0)
    db.session.commit()
    assert bodies_of(client, "/api/v1/resolutions?published_since=2030-01-01T11:00:00Z") == ["late-local"]
    assert bodies_of(client, "/api/v1/resolutions?published_since=2030-01-01T13:30:00%2B02:00") == \
        ["late-local"]
    assert bodies_of(client, "/api/v1/resolutions?published_since=2030-01-01T12:00:01Z") == []


@pytest.mark.parametrize(("moment", "count"), [("0001-01-01T00:00:00%2B01:00", 4),
                                               ("9999-12-31T23:59:59-01:00", 0)])
def test_published_since_at_the_ends_of_time(client, small_registry, moment, count):
    """A moment whose offset runs past the first or last representable day still answers."""
    assert len(bodies_of(client, f"/api/v1/resolutions?published_since={moment}")) == count


def test_listing_services_read_the_same_filters_as_the_api(client, small_registry):
    """The listing services take the shared schema's output, so a page or export using them
    selects the same records as the API."""
    filters = ResolutionListSchema().load({"state": "ny", "per_page": "50"})
    assert [r.body.slug for r in list_resolutions(filters).items] == \
        bodies_of(client, "/api/v1/resolutions?state=NY")
    filters = ActionListSchema().load({"rung": "2"})
    assert [a.body.slug for a in list_actions(filters).items] == \
        bodies_of(client, "/api/v1/actions?rung=2")


def test_bills_carry_lineage_and_endorser_counts(client, small_registry):
    bills = {bill["code"]: bill for bill in items(client, "/api/v1/bills")}
    assert bills["HR 1384"]["predecessor"] == "HR 676"
    assert bills["HR 676"]["predecessor"] is None
    assert bills["HR 676"]["endorsing_bodies"] == 1
    assert bills["HR 1384"]["endorsing_bodies"] == 1
    assert bills["AB 1400"]["family"] == "calcare" and bills["AB 1400"]["jurisdiction"] == "CA"
    assert [b["code"] for b in items(client, "/api/v1/bills?jurisdiction=CA")] == ["AB 1400"]
    assert [b["code"] for b in items(client, "/api/v1/bills?family=us-house-medicare-for-all")] == \
        ["HR 676", "HR 1384"]
    assert [b["code"] for b in items(client, "/api/v1/bills?sort=introduced")] == \
        ["AB 1400", "HR 1384", "HR 676"]


def test_pages_are_bounded_counted_and_linked(client, small_registry):
    response = client.get("/api/v1/resolutions?state=NY&per_page=1&page=2")
    data = response.get_json()
    assert (data["total"], data["page"], data["per_page"], data["pages"]) == (2, 2, 1, 2)
    link = response.headers["Link"]
    assert 'rel="first"' in link and 'rel="prev"' in link and 'rel="last"' in link
    assert 'rel="next"' not in link
    assert "state=NY" in link
    too_many = client.get("/api/v1/actions?per_page=201")
    assert too_many.status_code == 422 and "per_page" in too_many.get_json()["errors"]["query"]


@pytest.mark.parametrize("kind", ["resolutions", "actions"])
def test_a_listings_total_is_counted_once_per_data_version(client, small_registry, queries,
                                                           make_body, make_resolution,
                                                           make_action, kind):
    """Every page and order of the same filters shares one count until something is published;
    then the total counts the new record."""
    url = f"/api/v1/{kind}?state=NY&per_page=1"
    before = client.get(url).get_json()["total"]
    with queries() as statements:
        for extra in ("&page=1", "&sort=published", ""):
            assert client.get(url + extra).get_json()["total"] == before
    assert not any("count(*)" in str(statement) for statement in statements)
    body = make_body(name="Newly Published Local", state="NY")
    make_resolution(body) if kind == "resolutions" else make_action(body, "lobby_visit")
    assert client.get(url).get_json()["total"] == before + 1


def test_gap_figures_overall_and_by_group(client, small_registry):
    """Gap = 1 − mobilized / endorsing, per group, with the body filters of /bodies."""
    data = client.get("/api/v1/stats/gap?group_by=state").get_json()
    assert data["overall"]["endorsing"] == 4 and data["overall"]["mobilized"] == 1
    assert data["overall"]["gap"] == pytest.approx(0.75)
    groups = {group["key"]: group for group in data["groups"]}
    assert list(groups) == ["CA", "NY", "OH"]
    assert groups["OH"]["gap"] == 0 and groups["NY"]["gap"] == 1
    # New York: the retreating council was checked by its counter-action; Paper Local 9 never was.
    assert (groups["NY"]["checked"], groups["NY"]["unchecked"], groups["NY"]["paper_only"]) == (1, 1, 1)
    assert groups["NY"]["gap_among_checked"] == 1 and data["overall"]["unchecked"] == 1
    by_year = client.get("/api/v1/stats/gap?group_by=year&state=OH").get_json()
    assert [g["key"] for g in by_year["groups"]] == ["2009"]
    nothing = client.get("/api/v1/stats/gap?state=WY").get_json()
    assert nothing["overall"]["endorsing"] == 0 and nothing["overall"]["gap"] is None
    assert nothing["groups"] == [] and nothing["group_by"] is None


def test_a_states_resolutions_come_in_date_order_from_an_index(app):
    """The resolutions of a state's bodies, newest first, are read from an index holding each
    body's resolutions by date: no resolution row is read to put a page in order."""
    from sqlalchemy import text

    from registry.database import db
    from registry.models import Resolution
    from registry.records.listings import RESOLUTION_ORDERINGS, filtered_resolutions

    statement = filtered_resolutions({"state": "CA"}).with_only_columns(Resolution.id).order_by(
        *RESOLUTION_ORDERINGS["adopted"]).limit(50).compile(db.engine, compile_kwargs={"literal_binds": True})
    if db.engine.dialect.name == "sqlite":
        plan = " ".join(str(row) for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {statement}")))
        assert "COVERING INDEX ix_resolutions_body_id_adopted_on_id" in plan, plan
    else:
        columns = db.session.scalar(text(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_resolutions_body_id_adopted_on_id'"))
        assert columns is not None and "(body_id, adopted_on, id)" in columns


def test_records_come_newest_first_with_the_undated_last(client, make_body, make_resolution,
                                                          make_action):
    """On both engines, in the order the newest-first indexes hold: by date, newest first, the
    later record first on the same day, and the undated at the end."""
    body = make_body(slug="dated-local", state="OH")
    for adopted_on in (date(2018, 1, 1), None, date(2021, 5, 5), date(2021, 5, 5)):
        make_resolution(body, adopted_on=adopted_on, date_precision=adopted_on and "day",
                        date_kind=adopted_on and "adopted")
        make_action(body, occurred_on=adopted_on, date_precision=adopted_on and "day")
    for kind, field in (("resolutions", "adopted_on"), ("actions", "occurred_on")):
        rows = items(client, f"/api/v1/{kind}?state=OH")
        assert [row[field] for row in rows] == ["2021-05-05", "2021-05-05", "2018-01-01", None], kind
        assert rows[0]["id"] > rows[1]["id"], kind
