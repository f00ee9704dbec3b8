"""Registry-wide figures are cached per data version: a repeat costs one statement, and any
published change is visible at once."""

from __future__ import annotations

from registry.database import db
from registry.records import services
from registry.records.services import Provenance


def test_repeat_request_reuses_figures_and_any_change_refreshes_them(client, queries, make_body):
    body = make_body(name="Only Local", state="OH")
    first = client.get("/bodies").get_data(as_text=True)
    assert ">OH <span class=\"n\">1</span>" in first
    with queries() as repeat:
        client.get("/bodies")
    assert len(repeat) == 2  # data version and page: the count and facets come from the cache

    make_body(name="Second Local", state="OH")  # a new row moves the version
    assert ">OH <span class=\"n\">2</span>" in client.get("/bodies").get_data(as_text=True)

    body = db.session.merge(body)
    services.revise(body, {"state": "CA"}, Provenance(reason="test"))  # an edit writes a Revision
    db.session.commit()
    page = client.get("/bodies").get_data(as_text=True)
    assert ">CA <span class=\"n\">1</span>" in page and ">OH <span class=\"n\">1</span>" in page


def test_cache_can_be_switched_off(make_app, make_body, queries):
    app = make_app(FIGURE_CACHE=False)
    make_body()
    client = app.test_client()
    client.get("/bodies")
    with app.app_context(), queries() as repeat:
        client.get("/bodies")
    assert len(repeat) > 3
