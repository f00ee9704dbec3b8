"""Which language a visitor reads: Accept-Language, overridden by the switch (kept in a cookie) or
by ?lang= on a shared link; the switch keeps the visitor on the same page and filters; pages say
their language, point to their other-language versions, and format numbers and dates for it; the
page cache never serves one language's page to a reader of the other."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from babel.numbers import format_decimal, format_percent
from flask import render_template_string

from registry import pagecache
from registry.languages import COOKIE, number, share
from tests.moderation.conftest import IsolatedClient
from tests.moderation.helpers import post_form, resolution_fields, tracking_path

SPANISH = {"Accept-Language": "es-US,es;q=0.9"}


def html(response) -> str:
    return response.get_data(as_text=True)


def test_accept_language_chooses_and_english_is_the_default(client):
    assert '<html lang="es">' in html(client.get("/about", headers=SPANISH))
    assert '<html lang="en">' in html(client.get("/about"))
    assert '<html lang="en">' in html(client.get("/about", headers={"Accept-Language": "fr, de"}))
    assert '<html lang="es">' in html(client.get("/about", headers={"Accept-Language": "fr, es;q=0.5"}))


def test_the_switch_keeps_the_page_and_its_filters_and_is_remembered(client, make_body):
    make_body(name="Switch Local", state="OH")
    page = html(client.get("/bodies?state=OH&sort=name"))
    switch = next(part.split('"')[0] for part in page.split('href="')[1:]
                  if part.startswith("/language/es"))
    target = parse_qs(urlsplit(switch.replace("&amp;", "&")).query)["next"][0]
    assert urlsplit(target).path == "/bodies"
    assert parse_qs(urlsplit(target).query) == {"state": ["OH"], "sort": ["name"]}
    answer = client.get(switch.replace("&amp;", "&"))
    assert answer.status_code == 302 and answer.headers["Location"] == target
    cookie = client.get_cookie(COOKIE)
    assert cookie.value == "es" and cookie.http_only and cookie.same_site == "Lax"
    # Remembered: the next pages read in Spanish, without anything in their URLs.
    spanish = html(client.get(target))
    assert '<html lang="es">' in spanish and "Switch Local" in spanish
    assert "lang=" not in target
    # And back: the switch on the Spanish page leads to English on the same page.
    assert "/language/en?next=" in spanish
    client.get("/language/en?next=/bodies%3Fstate%3DOH")
    assert '<html lang="en">' in html(client.get("/bodies?state=OH"))


def test_a_shared_link_may_ask_for_a_language_and_the_switch_drops_it(client):
    page = html(client.get("/gap?lang=es"))
    assert '<html lang="es">' in page
    assert client.get_cookie(COOKIE) is None  # a link read once does not change the choice
    switch = next(part.split('"')[0] for part in page.split('href="')[1:]
                  if part.startswith("/language/en"))
    assert "lang" not in parse_qs(urlsplit(switch.replace("&amp;", "&")).query)["next"][0]
    assert '<html lang="en">' in html(client.get("/gap?lang=xx"))


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil",
                                    "javascript:alert(1)", "/bodies\r\nSet-Cookie: x=1"])
def test_the_switch_only_returns_to_this_site(client, target):
    answer = client.get("/language/es", query_string={"next": target})
    assert answer.status_code == 302 and answer.headers["Location"] == "/"


@pytest.mark.parametrize("path", ["/about", "/submit/resolution", "/bodies/no-such-body"])
def test_every_page_tells_caches_it_depends_on_the_language(client, path):
    vary = set(client.get(path).headers["Vary"].replace(" ", "").split(","))
    assert {"Accept-Language", "Cookie"} <= vary


def test_an_unknown_language_is_not_found(client):
    assert client.get("/language/xx?next=/").status_code == 404


def test_pages_name_their_other_language_versions(client, app):
    page = html(client.get("/bodies?state=OH"))
    root = app.config["SITE_URL"].rstrip("/")
    assert f'hreflang="es" href="{root}/bodies?state=OH&amp;lang=es"' in page
    assert f'hreflang="en" href="{root}/bodies?state=OH&amp;lang=en"' in page
    assert f'hreflang="x-default" href="{root}/bodies?state=OH"' in page


def test_a_private_page_names_no_alternates_but_keeps_the_switch(client, make_body):
    """Alternates are for search engines; a member's tracking page (noindex) lists none, and its
    switch still brings the member back to the same page."""
    body = make_body()
    received = post_form(client, "/submit/resolution", resolution_fields(body.id))
    path = tracking_path(received.get_data(as_text=True))
    page = html(client.get(path))
    assert 'hreflang="es" href' not in page.split("</head>")[0]
    assert f'href="/language/es?next={path}"' in page
    assert client.get(f"/language/es?next={path}").headers["Location"] == path


@pytest.mark.parametrize("path", ["/login", "/review", "/review/research", "/account"])
def test_reviewer_pages_are_written_in_english_only(reviewer_client, path):
    """Reviewer pages stay in English, frame and all, whatever the browser or the cookie asks;
    they offer no switch and name no alternates."""
    reviewer_client.set_cookie(COOKIE, "es")
    page = html(reviewer_client.get(path, headers=SPANISH))
    assert '<html lang="en">' in page
    assert 'class="language-switch"' not in page and "hreflang" not in page
    assert "Skip to content" in page


def test_the_api_reference_is_written_in_english_only(client):
    """The API reference is drawn from the OpenAPI document: its page says it is English and
    offers no switch, rather than a Spanish frame around English text."""
    client.set_cookie(COOKIE, "es")
    page = html(client.get("/data/api", headers=SPANISH))
    assert '<html lang="en">' in page
    assert 'class="language-switch"' not in page and "hreflang" not in page
    assert "The registry's API" in page


def test_dates_follow_the_language(client, make_body, make_resolution):
    body = make_body(name="Format Local", state="OH", slug="format-local")
    make_resolution(body, adopted_on=date(2019, 5, 1), date_precision="day")
    assert "1 May 2019" in html(client.get("/bodies/format-local"))
    assert "1 de mayo de 2019" in html(client.get("/bodies/format-local", headers=SPANISH))


@pytest.mark.parametrize("headers, shown", [
    ({}, "12,345 · 1,288 · 80% · 1 May 2019 · May 2019 · 2019 · undated"),
    (SPANISH, "12.345 · 1.288 · 80\xa0% · 1 de mayo de 2019 · mayo de 2019 · 2019 · sin fecha"),
])
def test_the_filters_format_for_the_reader(app, headers, shown):
    template = ("{{ 12345|num }} · {{ 1288|num }} · {{ 0.8|share }} · {{ day|partial_date }} · "
                "{{ day|partial_date('month') }} · {{ day|partial_date('year') }} · "
                "{{ none|partial_date }}")
    with app.test_request_context("/", headers=headers):
        assert render_template_string(template, day=date(2019, 5, 1)) == shown


@pytest.mark.parametrize("headers, language", [({}, "en"), (SPANISH, "es")])
def test_counts_are_grouped_as_babel_groups_them(app, headers, language):
    """Whole numbers take a quicker path than Babel's; it writes what Babel writes."""
    values = [0, 7, -7, 999, 1000, -1000, 1288, 12_345, 999_999, 1_000_000, -12_345_678, 10**12]
    with app.test_request_context("/", headers=headers):
        assert [number(v) for v in values] == [format_decimal(v, locale=language) for v in values]
        assert [share(v / 1000) for v in range(0, 1001, 37)] == \
            [format_percent(v / 1000, locale=language) for v in range(0, 1001, 37)]


def test_the_page_cache_keeps_each_language_apart(app, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_CACHE", True)
    pagecache.clear()
    try:
        visitor = IsolatedClient(app, app.response_class, use_cookies=True)
        english = visitor.get("/about")
        spanish = visitor.get("/about", headers=SPANISH)
        assert '<html lang="en">' in html(english) and '<html lang="es">' in html(spanish)
        assert english.headers["ETag"] != spanish.headers["ETag"]
        assert {"Cookie", "Accept-Language"} <= set(spanish.headers["Vary"].replace(" ", "").split(","))
        # In the other order, and by the switch's cookie: each reader still gets their own.
        assert '<html lang="es">' in html(visitor.get("/about", headers=SPANISH))
        visitor.set_cookie(COOKIE, "es")
        assert '<html lang="es">' in html(visitor.get("/about"))
        visitor.delete_cookie(COOKIE)
        assert '<html lang="en">' in html(visitor.get("/about"))
    finally:
        pagecache.clear()
