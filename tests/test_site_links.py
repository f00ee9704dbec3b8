"""Absolute links the site writes (tracking links, the Atom feed, call lists, the data package,
the API page) come from SITE_URL, never from the Host header a client chose."""

from __future__ import annotations

import copy
import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest

from registry.api import examples

ATOM = "{http://www.w3.org/2005/Atom}"
EVIL = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}


@pytest.fixture
def site(app):
    return app.config["SITE_URL"]


@pytest.fixture
def published(make_body, make_resolution):
    body = make_body(name="Linked Local", slug="linked-local", state="OH", latitude=39.96,
                     longitude=-83.0, geocode_precision="city", zip="43215")
    make_resolution(body)
    return body


def test_the_api_tracking_url_comes_from_site_url(client, site, published):
    document = copy.deepcopy(examples.SUBMISSION)
    document["payload"]["body_id"] = published.id
    response = client.post("/api/v1/submissions", json=document, headers=EVIL)
    assert response.status_code == 201
    assert response.get_json()["tracking_url"].startswith(f"{site}/submissions/")


def test_the_receipt_page_tracking_link_comes_from_site_url(client, site, published):
    from tests.moderation.helpers import form_tokens, post_form, resolution_fields

    tokens = form_tokens(client, "/submit/resolution")
    client.environ_base.update(HTTP_HOST="evil.example")
    page = post_form(client, "/submit/resolution", resolution_fields(published.id),
                     tokens=tokens).get_data(as_text=True)
    assert re.search(rf'id="tracking-link">{re.escape(site)}/submissions/', page)
    assert "evil.example" not in page


def test_feed_links_and_ids_come_from_site_url(client, site, published):
    response = client.get("/feeds/published.atom?state=OH", headers=EVIL)
    text = response.get_data(as_text=True)
    assert "evil.example" not in text
    feed = ET.fromstring(response.data)
    assert feed.find(f"{ATOM}id").text == f"{site}/feeds/published.atom?state=OH"
    entry = next(feed.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}id").text.startswith(f"{site}/bodies/linked-local#resolution-")
    assert entry.find(f"{ATOM}link").get("href") == f"{site}/bodies/linked-local"


def test_call_list_profile_links_come_from_site_url(client, site, published):
    response = client.get("/organize/calls.csv?near=43215&radius_mi=30", headers=EVIL)
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [row["profile_url"] for row in rows] == [f"{site}/bodies/linked-local"]


def test_data_package_paths_come_from_site_url(client, site, published):
    package = client.get("/data/datapackage.json", headers=EVIL).get_json()
    paths = [resource["path"] for resource in package["resources"]]
    assert paths and all(path.startswith(f"{site}/data/") for path in paths)


def test_api_page_examples_use_site_url(client, site):
    page = client.get("/data/api", headers=EVIL).get_data(as_text=True)
    assert "evil.example" not in page and f"{site}/api/v1" in page


def test_links_follow_site_url_when_it_changes(make_app, published):
    app = make_app(SITE_URL="https://registry.example.org/")
    with app.app_context():
        feed = app.test_client().get("/feeds/published.atom").get_data(as_text=True)
    assert "https://registry.example.org/bodies/linked-local" in feed
