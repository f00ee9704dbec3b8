"""The first public pages: home, body list, body profile, health check, error pages."""

from __future__ import annotations

from datetime import date

import pytest

from registry.database import db


def test_home_shows_counts_from_the_database(client, make_body, make_resolution, make_action):
    """Headline figures are read from the database, not written into the page."""
    paper = make_body(name="Paper Local")
    make_resolution(paper)
    marcher = make_body(name="Marching Local")
    make_resolution(marcher)
    make_action(marcher, "rally_or_march", occurred_on=date(2020, 3, 1))
    make_body(name="Never Endorsed")
    page = client.get("/").get_data(as_text=True)
    assert "Endorsing union bodies on record" in page
    assert "<dd>2</dd>" in page
    assert "50%" in page and "1 of 2" in page  # one paper-only, one mobilized
    assert "Marching Local" in page


def test_body_list_filters_by_state_and_level(client, make_body):
    make_body(name="Ohio Local", state="OH", level="local")
    make_body(name="Ohio Council", state="OH", level="central_labor_council")
    make_body(name="California Local", state="CA", level="local")
    page = client.get("/bodies?state=oh&level=local").get_data(as_text=True)
    assert "Ohio Local" in page
    assert "Ohio Council" not in page and "California Local" not in page
    assert "1 union body" in page


def test_body_list_paginates(client, make_body):
    for n in range(5):
        make_body(name=f"Body {n:02d}")
    first = client.get("/bodies?per_page=2").get_data(as_text=True)
    assert "Body 00" in first and "Body 02" not in first and "Page 1 of 3" in first
    last = client.get("/bodies?per_page=2&page=3").get_data(as_text=True)
    assert "Body 04" in last and "Body 00" not in last
    assert client.get("/bodies?per_page=2&page=4").status_code == 404


@pytest.mark.parametrize("query,field", [
    ("state=Ohio", "state"), ("level=galaxy", "level"), ("page=0", "page"), ("per_page=x", "per_page"),
])
def test_bad_filters_say_which_field(client, query, field):
    response = client.get(f"/bodies?{query}")
    assert response.status_code == 400
    assert f'id="{field}-error"' in response.get_data(as_text=True)


def test_profile_shows_resolutions_actions_and_sources(client, make_body, make_resolution,
                                                       make_action, make_bill):
    body = make_body(name="UE Local 1004", slug="ue-local-1004", affiliation="UE")
    bill = make_bill(code="HR 676", slug="hr-676")
    make_resolution(body, bill_id=bill.id, url="https://example.org/ue-1004")
    make_action(body, "lobby_visit", occurred_on=date(2019, 7, 2), url="https://example.org/lobby",
                description="Met Rep. Smith's staff")
    page = client.get("/bodies/ue-local-1004").get_data(as_text=True)
    assert "UE Local 1004" in page and "HR 676" in page
    assert "https://example.org/ue-1004" in page and "https://example.org/lobby" in page
    assert "Met Rep. Smith&#39;s staff" in page
    assert "Tier 2 — Public: lobby visit on 2 July 2019" in page


def test_text_is_always_escaped(client, make_body):
    make_body(name='<script>alert(1)</script>"><img src=x onerror=alert(2)>', slug="xss")
    page = client.get("/bodies/xss").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_unknown_slug_gets_a_404_page(client):
    response = client.get("/bodies/no-such-body")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Not Found" in page and 'href="/bodies"' in page


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_an_unreachable_database(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/x.sqlite3")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_navigation_links_all_resolve(client):
    """Every link in the navigation leads to a page that exists."""
    import re

    page = client.get("/").get_data(as_text=True)
    nav = page.split('<nav aria-label="Main">')[1].split("</nav>")[0]
    links = re.findall(r'href="([^"]+)"', nav)
    assert "/bodies" in links
    for link in links:
        assert client.get(link).status_code == 200, link


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def _make_many(make_body, make_resolution, make_action, n: int) -> None:
    for i in range(n):
        body = make_body(name=f"Bulk {i}", slug=f"bulk-{n}-{i}")
        make_resolution(body)
        make_action(body)


def test_body_list_query_count_does_not_grow(client, queries, make_body, make_resolution,
                                            make_action):
    """The list page issues the same number of statements for 3 rows as for 30."""
    _make_many(make_body, make_resolution, make_action, 3)
    with queries() as small:
        assert client.get("/bodies").status_code == 200
    _make_many(make_body, make_resolution, make_action, 27)
    with queries() as large:
        assert client.get("/bodies").status_code == 200
    assert len(large) == len(small)
    assert len(small) <= 10  # count, page, six facets, bill families


def test_profile_query_count_does_not_grow(client, queries, make_body, make_resolution,
                                           make_action):
    """The profile issues the same number of statements whatever the body holds."""
    small_body = make_body(slug="small")
    make_resolution(small_body)
    make_action(small_body)
    with queries() as small:
        assert client.get("/bodies/small").status_code == 200
    big_body = make_body(slug="big")
    children = [make_body(parent_id=big_body.id) for _ in range(5)]
    assert children
    for i in range(10):
        make_resolution(big_body, url=f"https://example.org/r{i}")
        make_action(big_body, url=f"https://example.org/a{i}", occurred_on=date(2020, 1, i + 1))
    with queries() as large:
        assert client.get("/bodies/big").status_code == 200
    assert len(large) == len(small)
    db.session.rollback()


def test_home_shows_a_static_gap_map_with_spoken_labels(client, make_body, make_resolution):
    """The preview needs no script: each state is an SVG path with its own label."""
    make_resolution(make_body(state="OH", name="Ohio Local"))
    page = client.get("/").get_data(as_text=True)
    assert '<svg viewBox="0 0 600' in page and "<script" not in page
    assert "<title>Ohio: 1 of 1 endorsing bodies have no recorded mobilization</title>" in page
    assert "<title>Texas: no endorsing bodies</title>" in page
    assert 'class="gap-class-4"' in page and 'class="gap-none"' in page


def test_only_the_current_page_is_marked_in_the_navigation(client):
    nav = client.get("/about").get_data(as_text=True).split('<nav aria-label="Main">')[1].split("</nav>")[0]
    assert nav.count('aria-current="page"') == 1
    assert 'href="/about" aria-current="page"' in nav


@pytest.mark.parametrize("url", [
    "/bodies?q=%00", "/bodies?affiliation=a%00b", "/bodies.csv?q=%00", "/gap?affiliation=%00",
    "/map?q=%00", "/feeds/published.atom?affiliation=%00", "/organize?near=%00&radius_mi=10",
    "/bodies/%00", "/bills/%00", "/bodies?%00=1",
])
def test_nul_characters_are_refused_with_a_clear_error(client, url):
    """PostgreSQL cannot store or compare NUL: such input is a 400 naming the field, never a 500."""
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)


def test_nul_in_api_arguments_is_a_422_in_the_api_shape(client):
    response = client.get("/api/v1/bodies?q=a%00")
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"query": {"q": ["Must not contain a NUL character."]}}
