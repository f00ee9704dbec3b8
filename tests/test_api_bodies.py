"""The first API endpoints: bodies list and detail, with the shared filters and error shape."""

from __future__ import annotations

import re


def test_list_matches_the_html_list_for_the_same_filter(client, make_body):
    make_body(name="Ohio One", state="OH")
    make_body(name="Ohio Two", state="OH", level="central_labor_council")
    make_body(name="Cali", state="CA")
    data = client.get("/api/v1/bodies?state=OH&level=local").get_json()
    assert [b["name"] for b in data["items"]] == ["Ohio One"]
    assert data["total"] == 1
    html = client.get("/bodies?state=OH&level=local").get_data(as_text=True)
    assert re.findall(r'<th scope="row"><a href="/bodies/[^"]+">([^<]+)</a>', html) == ["Ohio One"]


def test_list_paginates_with_link_headers(client, make_body):
    for n in range(3):
        make_body(name=f"B{n}")
    response = client.get("/api/v1/bodies?per_page=1&page=2")
    assert response.get_json()["pages"] == 3
    link = response.headers["Link"]
    assert 'page=1' in link and 'rel="prev"' in link and 'rel="next"' in link


def test_detail_by_slug_or_id(client, make_body, make_resolution):
    body = make_body(slug="sample-local")
    make_resolution(body)
    by_slug = client.get("/api/v1/bodies/sample-local").get_json()
    by_id = client.get(f"/api/v1/bodies/{body.id}").get_json()
    assert by_slug == by_id
    assert by_slug["tier_reason"].startswith("Not yet checked")
    assert (by_slug["standing"], by_slug["tier_name"], by_slug["checked"]) == (
        "not_checked", "Not yet checked", False)
    assert by_slug["resolutions"][0]["sources"][0]["url"] == "https://example.org/resolution"


def test_errors_share_one_json_shape(client):
    missing = client.get("/api/v1/bodies/nope")
    assert missing.status_code == 404
    assert set(missing.get_json()) == {"code", "status", "message"}
    invalid = client.get("/api/v1/bodies?tier=9")
    assert invalid.status_code == 422 and "tier" in invalid.get_json()["errors"]["query"]
    wrong_method = client.delete("/api/v1/bodies")
    assert wrong_method.status_code == 405 and "GET" in wrong_method.headers["Allow"]
    assert wrong_method.get_json()["code"] == 405
