"""The human API page at /data/api: rendered from the OpenAPI document, so every endpoint and
parameter shows with an example request and answer; it loads nothing from elsewhere."""

from __future__ import annotations

import html
import re


def test_every_operation_and_parameter_is_on_the_page(client):
    document = client.get("/api/openapi.json").get_json()
    response = client.get("/data/api")
    assert response.status_code == 200
    page = " ".join(html.unescape(response.get_data(as_text=True)).split())
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            assert f"<code>{path}</code>" in page, path
            assert " ".join(operation["summary"].split()) in page
            for parameter in operation.get("parameters", []):
                name = parameter.get("name") or parameter["$ref"].rsplit("/", 1)[1]
                if "$ref" not in parameter:
                    assert f"<code>{name}</code>" in page, (path, name)
    assert "If-None-Match" in page and "/api/openapi.json" in page


def test_examples_of_requests_and_answers_are_shown(app, client):
    page = html.unescape(client.get("/data/api").get_data(as_text=True))
    site = app.config["SITE_URL"]  # the public address, whatever Host the request named
    assert f"curl -i '{site}/api/v1/bodies/afge-local-2157'" in page
    assert re.search(rf"curl -i '{re.escape(site)}/api/v1/resolutions\?\w+=", page)
    assert '"slug": "afge-local-2157"' in page  # the example answer of GET /bodies
    assert '"code": 404' in page  # an error example


def test_the_page_works_offline(client):
    """No script, stylesheet, font or image from another host; no viewer from a CDN."""
    page = client.get("/data/api").get_data(as_text=True)
    # Alternates (the feed, the page in each language) are links to follow, not loaded.
    loaded = re.sub(r'<link rel="alternate"[^>]*>', "", page)
    assets = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', loaded)
    assert assets and all(url.startswith("/") for url in assets), assets
    assert "swagger" not in page.lower() and "<script" not in page
