"""HTTP behaviour of the API: conditional requests, CORS, the one error shape, arguments read
exactly as documented, the same results as the HTML list, and bounded queries."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from werkzeug.http import http_date

from registry.database import db
from registry.models import Body
from registry.records.services import Provenance, revise

LISTINGS = ["/api/v1/bodies", "/api/v1/resolutions", "/api/v1/actions", "/api/v1/bills",
            "/api/v1/stats/gap?group_by=level"]


# Conditional requests -----------------------------------------------------------------------

def test_reads_carry_a_weak_etag_and_answer_304_to_it(client, small_registry):
    """If-None-Match with the ETag of the same request gives 304 with no body."""
    first = client.get("/api/v1/resolutions?state=NY")
    etag = first.headers["ETag"]
    assert etag.startswith('W/"') and first.headers["Cache-Control"] == "public, no-cache"
    assert client.get("/api/v1/resolutions?state=NY").headers["ETag"] == etag
    again = client.get("/api/v1/resolutions?state=NY", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    assert client.get("/api/v1/resolutions?state=OH").headers["ETag"] != etag
    stale = client.get("/api/v1/resolutions?state=NY", headers={"If-None-Match": 'W/"other"'})
    assert stale.status_code == 200


def test_head_requests_are_validated_too(client, small_registry):
    head = client.head("/api/v1/bills")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == client.get("/api/v1/bills").headers["ETag"]
    assert client.head("/api/v1/bills", headers={"If-None-Match": head.headers["ETag"]}).status_code == 304


def test_the_etag_ignores_argument_order(client, small_registry):
    one = client.get("/api/v1/bodies?state=OH&level=local").headers["ETag"]
    assert client.get("/api/v1/bodies?level=local&state=OH").headers["ETag"] == one


def test_a_matching_etag_is_answered_with_one_query(client, small_registry, queries):
    """The 304 for a held ETag costs one cheap query, whatever the listing."""
    etag = client.get("/api/v1/actions?per_page=200").headers["ETag"]
    with queries() as statements:
        assert client.get("/api/v1/actions?per_page=200",
                          headers={"If-None-Match": etag}).status_code == 304
    assert len(statements) == 1


def test_a_publication_changes_the_etag_and_last_modified(client, small_registry, make_body):
    first = client.get("/api/v1/bodies")
    body = make_body(slug="new-local")
    body.published_at = datetime(2031, 5, 6, 7, 8, 9, 500)
    db.session.commit()
    second = client.get("/api/v1/bodies", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200 and second.headers["ETag"] != first.headers["ETag"]
    assert second.headers["Last-Modified"] == "Tue, 06 May 2031 07:08:09 GMT"


def test_a_revision_changes_the_etag(client, small_registry):
    """Changing a published record writes a Revision, which the validators follow."""
    etag = client.get("/api/v1/bodies/quiet-local").headers["ETag"]
    body = db.session.scalar(db.select(Body).where(Body.slug == "quiet-local"))
    revise(body, {"city": "Houston"}, Provenance(reason="Correction"))
    db.session.commit()
    response = client.get("/api/v1/bodies/quiet-local", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.get_json()["city"] == "Houston"


def test_if_modified_since_follows_last_modified(client, small_registry):
    last_modified = client.get("/api/v1/bills").headers["Last-Modified"]
    assert client.get("/api/v1/bills", headers={"If-Modified-Since": last_modified}).status_code == 304
    earlier = http_date(datetime.now(UTC) - timedelta(days=3650))
    assert client.get("/api/v1/bills", headers={"If-Modified-Since": earlier}).status_code == 200
    # If-None-Match wins over If-Modified-Since, as HTTP says.
    both = client.get("/api/v1/bills", headers={"If-Modified-Since": last_modified,
                                                "If-None-Match": 'W/"not-this-one"'})
    assert both.status_code == 200


def test_last_modified_is_the_latest_publication(client, small_registry, app):
    latest = max(db.session.scalars(db.select(Body.published_at)))
    assert client.get("/api/v1/bodies").headers["Last-Modified"] == http_date(latest.replace(tzinfo=UTC))


def test_errors_are_never_cached_or_turned_into_304(client, small_registry):
    missing = client.get("/api/v1/bodies/nope", headers={"If-Modified-Since": http_date(datetime.now(UTC))})
    assert missing.status_code == 404 and "ETag" not in missing.headers
    invalid = client.get("/api/v1/bodies?tier=9", headers={"If-None-Match": "*"})
    assert invalid.status_code == 422


# CORS ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [*LISTINGS, "/api/v1/bodies/steel-local-155", "/api/openapi.json",
                                 "/api/v1/bodies/nope"])
def test_reads_may_come_from_any_origin(client, small_registry, url):
    response = client.get(url, headers={"Origin": "https://notebook.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_preflight_allows_reads_only(client):
    read = client.options("/api/v1/bodies", headers={
        "Origin": "https://notebook.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "If-None-Match"})
    assert read.status_code == 200
    assert read.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in read.headers["Access-Control-Allow-Methods"]
    assert "If-None-Match" in read.headers["Access-Control-Allow-Headers"]
    write = client.options("/api/v1/bodies", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "DELETE"})
    assert "Access-Control-Allow-Origin" not in write.headers


def test_pages_outside_the_api_get_no_cors(client):
    assert "Access-Control-Allow-Origin" not in client.get("/bodies").headers


# Errors -------------------------------------------------------------------------------------

def test_unknown_ids_are_404_in_the_error_shape(client, small_registry):
    for url in ("/api/v1/bodies/999999", "/api/v1/bodies/no-such-body",
                "/api/v1/bodies/99999999999999999999999", "/api/v1/bodies/%C2%B2", "/api/v1/nothing"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.get_json()["code"] == 404 and response.get_json()["status"] == "Not Found"


def test_invalid_arguments_are_422_naming_each_field(client):
    data = client.get("/api/v1/actions?kind=picnic&rung=7&occurred_from=yesterday").get_json()
    assert data["code"] == 422 and data["status"] == "Unprocessable Entity"
    assert set(data["errors"]["query"]) == {"kind", "rung", "occurred_from"}


@pytest.mark.parametrize("url", LISTINGS)
def test_wrong_methods_are_405_with_allow(client, url):
    response = client.put(url, json={})
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "HEAD", "OPTIONS"}
    assert response.get_json()["code"] == 405
    assert "Access-Control-Allow-Origin" not in response.headers


def test_server_errors_keep_the_shape(make_app):
    """An unexpected exception answers 500 in the same JSON shape, with nothing of the exception."""
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def explode():
        raise RuntimeError("secret internals")

    app.add_url_rule("/api/v1/explode", "explode", explode)
    response = app.test_client().get("/api/v1/explode")
    assert response.status_code == 500
    assert response.get_json() == {"code": 500, "status": "Internal Server Error",
                                   "message": response.get_json()["message"]}
    assert "secret internals" not in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/api/v1/stats/gap?affiliation=%00", "/api/v1/bodies?q=a%0A",
                                 "/api/v1/resolutions?bill=%1F", "/api/v1/bills?family=%7F"])
def test_control_characters_are_refused_by_name(client, small_registry, url):
    """PostgreSQL refuses NUL in text; every engine answers 422 naming the field, never 500."""
    response = client.get(url)
    assert response.status_code == 422
    field = url.split("?")[1].split("=")[0]
    # NUL is refused by the app-wide guard before any view; other control characters by the schema.
    assert response.get_json()["errors"]["query"][field] in (["Must not contain control characters."],
                                                             ["Must not contain a NUL character."])


def test_patterns_mean_what_the_document_says(client):
    """Digits are ASCII digits and the whole value must match, as in the document's patterns."""
    assert client.get("/api/v1/geo/bodies?bbox=%D9%A1,2,3,4").status_code == 422  # Arabic-Indic 1
    assert client.get("/api/v1/resolutions?published_since=2024-01-01T00:00:00Z%0A").status_code == 422


def test_control_characters_in_a_key_find_nothing(client, small_registry):
    assert client.get("/api/v1/bodies/quiet%01local").status_code == 404
    refused = client.get("/api/v1/bodies/quiet%00local")  # NUL: the app-wide guard names the part
    assert refused.status_code == 422 and "key" in refused.get_json()["errors"]["path"]
    assert client.get("/bodies?affiliation=%00").status_code == 400  # the page's shared filters


@pytest.mark.parametrize("query", ["state=oh", "state=", "level=%20local", "jurisdiction=ca"])
def test_the_api_reads_arguments_exactly_as_documented(client, query):
    """Pages tidy form input; the API takes each value only in its documented form."""
    url = "/api/v1/bills" if query.startswith("jurisdiction") else "/api/v1/bodies"
    assert client.get(f"{url}?{query}").status_code == 422
    if url == "/api/v1/bodies":
        assert client.get(f"/bodies?{query}").status_code == 200


# Same results as the pages ------------------------------------------------------------------

@pytest.mark.parametrize("query", ["", "state=OH", "level=local", "tier=3", "endorsing=true",
                                   "endorsing=false", "retreat=true", "bill_family=calcare",
                                   "evidence=primary", "year_from=2010", "q=local", "dormant=true",
                                   "sort=tier", "sort=members&per_page=2&page=2"])
def test_listing_equals_the_html_list_for_the_same_filter(client, small_registry, query):
    """The API and the /bodies page list the same bodies in the same order."""
    api = [item["name"] for item in client.get(f"/api/v1/bodies?{query}").get_json()["items"]]
    assert api, "each filter finds something here"
    response = client.get(f"/bodies?{query}")
    html = re.findall(r'<th scope="row"><a href="/bodies/[^"]+">([^<]+)</a>', response.get_data(as_text=True))
    assert api == html


def test_bills_equal_the_bills_page(client, small_registry, make_body, make_resolution):
    """GET /bills lists the bills of the /bills page in the same lineage order, with the same
    endorser counts."""
    hr676 = small_registry.bills[0]
    for n in range(2):
        make_resolution(make_body(slug=f"endorser-{n}"), bill=hr676)
    api = [(b["code"], b["endorsing_bodies"]) for b in client.get("/api/v1/bills").get_json()["items"]]
    page = client.get("/bills").get_data(as_text=True)
    rows = re.findall(r'<th scope="row"><a href="/bills/[^"]+">([^<]+)</a>.*?</th>.*?<td>(?:<a [^>]+>)?(\d+)'
                      r"(?:</a>)?</td>\s*</tr>", page, flags=re.S)
    assert api == [(code, int(count)) for code, count in rows]
    assert ("HR 676", 3) in api


# Bounded queries ----------------------------------------------------------------------------

# Resolutions and actions page through their ids, then load the page's records: one more query.
PAGED_BY_ID = ("/api/v1/resolutions", "/api/v1/actions")


@pytest.mark.parametrize(("url", "bound"), [*((url, 5 if url in PAGED_BY_ID else 4) for url in LISTINGS),
                                            ("/api/v1/stats/gap", 3),
                                            ("/api/v1/bodies/steel-local-155", 14),
                                            ("/api/v1/nearby?near=43215&radius_mi=100", 8),
                                            ("/api/v1/districts", 4),
                                            ("/api/v1/districts/OH-3", 4)])
@pytest.mark.usefixtures("districted_registry")
def test_query_counts_do_not_grow_with_the_data(client, small_registry, queries, make_body,
                                                make_resolution, make_action, url, bound):
    """Each API call runs the same small number of queries with 40 bodies or 72 (one of them
    the validators' query; a body's profile loads each kind of related record once)."""
    join = "&" if "?" in url else "?"
    steel = db.session.scalar(db.select(Body).where(Body.slug == "steel-local-155"))
    client.get(url)  # representatives and seats are cached per district data load, not per record
    counts = []
    for start in (0, 32):
        for n in range(start, start + 32):
            body = make_body(slug=f"more-{n}", parent=steel if n % 2 else None,
                             latitude=39.9 + n / 1000, longitude=-83.0, geocode_precision="city")
            make_resolution(body)
            make_action(body)
            make_action(steel, "member_education", description=f"education {n}")
        with queries() as statements:
            response = client.get(f"{url}{join}")
            assert response.status_code == 200
        counts.append(len(statements))
        if "nearby" in url:
            assert response.get_json()["total"] >= start + 32  # the new bodies are in the circle
    assert counts[0] == counts[1] <= bound, counts
