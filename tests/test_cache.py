"""Registry-wide figures are cached per data version: a repeat costs one statement, and any
published change is visible at once."""

from __future__ import annotations

from registry.cache import versioned_each
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


def test_each_key_is_cached_apart_and_only_the_missing_are_computed(app, make_body):
    asked = []

    @versioned_each
    def lengths(keys, suffix):
        asked.append(keys)
        return {key: len(key + suffix) for key in keys if key != "none"}

    with app.app_context():
        assert lengths(("ab", "c"), "!") == {"ab": 3, "c": 2}
        assert lengths(("c", "none", "dddd"), "!") == {"c": 2, "none": None, "dddd": 5}
        assert lengths(("none", "ab"), "!") == {"none": None, "ab": 3}  # a key left out is kept too
        assert asked == [("ab", "c"), ("none", "dddd")]
        assert lengths(("c",), "??") == {"c": 3}  # other arguments, other entries
        make_body()  # a new row moves the version
        assert lengths(("ab", "c"), "!") == {"ab": 3, "c": 2}
        assert asked[2:] == [("c",), ("ab", "c")]
