"""Text search over union bodies: a substring of the name, affiliation, designation or city, in
any case; on SQLite answered by the FTS5 trigram index that triggers keep current, on PostgreSQL
by the trigram index; a search matching more than 1,000 bodies says so instead of counting them."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select, text

from registry.bodies.services import COUNT_LIMIT, has_search_table, text_matches
from registry.database import db
from registry.models import Body
from registry.records import services as records
from registry.records.services import Provenance
from tests.migrating import down_and_back_up


def found(q: str) -> set[str]:
    return set(db.session.scalars(select(Body.name).where(text_matches(q))))


def test_search_matches_any_part_in_any_case(make_body):
    make_body(name="Amalgamated Transit Union Local 1555", affiliation="ATU", designation="Local 1555",
              city="Oakland")
    make_body(name="Teamsters Local 710", affiliation="IBT", city="Chicago")
    assert found("transit union") == {"Amalgamated Transit Union Local 1555"}
    assert found("OAKLAND") == found("oakland") == {"Amalgamated Transit Union Local 1555"}
    assert found("local") == {"Amalgamated Transit Union Local 1555", "Teamsters Local 710"}
    assert found("710 ibt") == {"Teamsters Local 710"}  # name, then affiliation
    assert found("at") == {"Amalgamated Transit Union Local 1555"}  # under three characters
    assert found("local 9") == set()


@pytest.mark.parametrize("q", ['"', '" OR "', "local*", "100%", "a_b", "NEAR(x y)", "l'union"])
def test_search_text_is_taken_literally(make_body, q):
    make_body(name="Plain Local")
    make_body(name=f"Odd {q} Council")
    assert found(q) == {f"Odd {q} Council"}


def test_the_index_follows_every_change(make_body):
    body = make_body(name="Before Local", city="Dayton")
    assert found("before") == {"Before Local"}
    records.revise(db.session.merge(body), {"name": "After Local", "city": "Toledo"},
                   Provenance(reason="test"))
    db.session.commit()
    assert found("before") == set() and found("dayton") == set()
    assert found("after") == found("toledo") == {"After Local"}
    db.session.delete(db.session.merge(body))
    db.session.commit()
    assert found("after") == set()


def test_sqlite_searches_from_the_full_text_index(make_body):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL searches through its trigram index")
    assert has_search_table()
    make_body(name="Indexed Local")
    statement = select(Body.id).where(text_matches("indexed")).compile(
        db.engine, compile_kwargs={"literal_binds": True})
    plan = " ".join(str(row) for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {statement}")))
    assert "VIRTUAL TABLE INDEX" in plan and "body_search" in plan
    triggers = set(db.session.scalars(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'bodies'")))
    assert {"body_search_insert", "body_search_update", "body_search_delete"} <= triggers


def test_postgresql_searches_its_stored_text_through_the_trigram_index(make_body):
    """The stored text is the lower-cased fields the search names, kept by the database through
    a change, and a narrow search can be answered from the trigram index on it."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite searches its FTS5 table and has no stored search text")
    body = make_body(name="Stored ÉCOLE Local", affiliation=None, designation="Local 9", city="Akron")
    stored = text("SELECT search_text FROM bodies WHERE id = :id")
    assert db.session.scalar(stored, {"id": body.id}) == "stored école local  local 9 akron"
    records.revise(db.session.merge(body), {"city": "Canton", "affiliation": "NEA"},
                   Provenance(reason="test"))
    db.session.commit()
    assert db.session.scalar(stored, {"id": body.id}) == "stored école local nea local 9 canton"
    statement = select(Body.id).where(text_matches("école")).compile(
        db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as connection:
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        plan = " ".join(connection.execute(text(f"EXPLAIN {statement}")).scalars())
    assert "ix_bodies_search_trgm" in plan and "search_text" in plan


def test_postgresql_stored_search_text_migration_goes_down_and_back_up(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the stored search text is PostgreSQL's")

    def columns() -> set[str]:
        return set(db.session.scalars(text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'bodies'")))

    def the_expression_indexed():
        assert "search_text" not in columns()
        assert "lower(" in db.session.scalar(text(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_bodies_search_trgm'"))

    down_and_back_up("f2d7a9c3e614", the_expression_indexed)
    assert "search_text" in columns()


def many_bodies(count: int, name: str) -> None:
    db.session.execute(insert(Body), [
        {"slug": f"{name.lower().replace(' ', '-')}-{n}", "name": f"{name} {n}", "level": "local",
         "state": "OH"} for n in range(count)])
    db.session.commit()


def test_a_search_matching_more_than_the_limit_says_so(client):
    many_bodies(COUNT_LIMIT + 60, "Common Local")
    many_bodies(3, "Rare Council")
    page = client.get("/bodies?q=common").get_data(as_text=True)
    assert f"More than {COUNT_LIMIT:,} union bodies" in page
    assert "Page 1 of" not in page and 'rel="next"' in page
    rare = client.get("/bodies?q=rare+council").get_data(as_text=True)
    assert "3 union bodies" in rare and "More than" not in rare
    # Past the limit the count reaches the page shown, so a later page still offers the next.
    far = client.get("/bodies?q=common&page=21").get_data(as_text=True)
    assert "Common Local" in far and 'rel="next"' in far
    last = client.get("/bodies?q=common&page=22").get_data(as_text=True)
    assert f"{COUNT_LIMIT + 60:,} union bodies" in last and 'rel="next"' not in last


def test_the_api_still_counts_every_match(client):
    many_bodies(COUNT_LIMIT + 5, "Counted Local")
    assert client.get("/api/v1/bodies?q=counted").get_json()["total"] == COUNT_LIMIT + 5


def test_a_bounded_search_costs_bounded_queries(client, queries, make_body):
    many_bodies(40, "Query Local")
    client.get("/bodies?q=query")
    with queries() as repeat:
        client.get("/bodies?q=query&sort=latest")
    # data version and page; the count, bill families and facets come from the figure cache
    assert len(repeat) <= 3, repeat


def test_a_short_search_scans_once_per_data_version(client, queries, make_body, monkeypatch):
    """Two characters match anywhere in the text, in any case; the scan's few ids then answer
    every page and count; a short search matching more than FEW_MATCHES keeps the LIKE (its
    page stops early)."""
    from registry.bodies import services

    many_bodies(5, "Plain Local")
    for name in ("Ozark Council", "Uzbek Workers", "Zorro Local"):
        make_body(name=name)
    assert found("ZB") == {"Uzbek Workers"} and found("zk") == set()
    client.get("/bodies?q=ZA")
    with queries() as repeat:
        page = client.get("/bodies?q=za&sort=name").get_data(as_text=True)
    assert "Ozark Council" in page and "Zorro Local" not in page and "1 union body" in page
    assert not any("LIKE" in str(statement) for statement in repeat), repeat
    monkeypatch.setattr(services, "FEW_MATCHES", 2)
    assert "LIKE" in str(text_matches("lo").compile())  # "Local" is in more than two
    assert found("lo") == {"Zorro Local"} | {f"Plain Local {n}" for n in range(5)}


@pytest.mark.parametrize("q", ["zq", "zqxv"])  # short (scanned) and indexed searches
def test_a_search_known_to_match_nothing_does_not_search_again(client, queries, make_body, q):
    """Once a search has been counted at this data version and matched nothing, a repeat (any
    order) searches no index and no table; a body published with the words is found at once."""
    many_bodies(20, "Plain Local")
    assert "No union bodies match" in client.get(f"/bodies?q={q}").get_data(as_text=True)
    with queries() as repeat:
        page = client.get(f"/bodies?q={q}&sort=tier").get_data(as_text=True)
    assert "No union bodies match" in page and len(repeat) <= 2, repeat
    assert not any("LIKE" in str(statement) or "MATCH" in str(statement) for statement in repeat)
    make_body(name=f"The {q.upper()} Local")
    assert f"The {q.upper()} Local" in client.get(f"/bodies?q={q}").get_data(as_text=True)


def test_a_common_search_finds_the_same_bodies_by_scanning(make_body, monkeypatch):
    """Past FEW_MATCHES the index only counts; the bodies are found by the LIKE, in order."""
    from registry.bodies import services

    make_body(name="Amalgamated Transit Union Local 1555", city="Oakland")
    make_body(name="Teamsters Local 710", affiliation="IBT")
    make_body(name='Odd "100%" Council')
    indexed = {q: found(q) for q in ("local", "OAKLAND", '"100%"', "nothing here")}
    monkeypatch.setattr(services, "FEW_MATCHES", 0)
    assert {q: found(q) for q in indexed} == indexed
    assert indexed["local"] and indexed['"100%"'] == {'Odd "100%" Council'}


@pytest.mark.parametrize("sort", ["state", "tier", "latest", "members"])
def test_each_list_order_walks_an_index(app, sort):
    """A page of a common search reads bodies in the order shown and stops when it is full."""
    from registry.bodies.services import ORDERINGS

    statement = select(Body.id).order_by(*ORDERINGS[sort]).limit(50).compile(
        db.engine, compile_kwargs={"literal_binds": True})
    explain = "EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN "
    plan = " ".join(str(row) for row in db.session.execute(text(f"{explain}{statement}")))
    if db.engine.dialect.name == "sqlite":
        assert f"ix_bodies_order_{sort}" in plan and "TEMP B-TREE" not in plan, plan
    else:
        names = set(db.session.scalars(text("SELECT indexname FROM pg_indexes WHERE tablename = 'bodies'")))
        assert f"ix_bodies_order_{sort}" in names


@pytest.mark.parametrize("filters", [{"q": "local"}, {"q": "local", "state": "OH"},
                                     {"q": "local", "tier": 0, "level": "local"}, {"level": "local"},
                                     {"state": "CA", "endorsing": True}])
def test_facets_of_a_search_count_as_each_facet_alone_would(make_body, make_resolution, make_action,
                                                            filters):
    """The facets of a filtered list not filtered themselves share one pass over the matches;
    each must still count what a query of its own would, under every other filter."""
    from registry.bodies.facets import COLUMNS, facet_counts

    places = [("OH", "local", "USW"), ("OH", "central_labor_council", "AFL-CIO"),
              ("CA", "local", "NNU"), ("CA", "local", None), ("NY", "local", "USW")]
    for n, (state, level, affiliation) in enumerate(places * 2):
        body = make_body(name=f"Searched Local {n}", state=state, level=level, affiliation=affiliation)
        if n % 3:
            make_resolution(body)
        if n % 4 == 1:
            make_action(body)
    make_body(name="Unmatched Council", state="OH", affiliation="USW")
    facets = facet_counts(filters)
    bodies = list(db.session.scalars(select(Body)))
    for name in COLUMNS:
        wanted = {**filters, name: None}
        expected: dict = {}
        for body in bodies:
            tier_shown = body.checked and (body.endorsing or body.active_without_resolution)
            values = {"state": body.state, "level": body.level, "affiliation": body.affiliation,
                      "tier": body.tier if tier_shown else None, "evidence": body.evidence_level}
            matches = ("local" in body.name.lower() or "q" not in filters) and all(
                wanted.get(key) is None or values[key] == wanted[key] for key in values) and (
                "endorsing" not in filters or body.endorsing == filters["endorsing"])
            if matches and values[name] is not None:
                expected[values[name]] = expected.get(values[name], 0) + 1
        assert {f.value: f.count for f in facets[name]} == expected, name
    assert sum(f.count for f in facets["state"]) <= len(places) * 2
