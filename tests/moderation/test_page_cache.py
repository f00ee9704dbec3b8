"""Public pages are answered 304 when the visitor holds them, and rendered once per data version
into a store every worker shares; nothing private is ever kept or served from it, and a
publication makes the next request render afresh."""

from __future__ import annotations

import os
import uuid

import pytest

from registry import pagecache
from tests.local_services import redis_reachable
from tests.moderation.conftest import IsolatedClient
from tests.moderation.helpers import decide

PAGES = ["/", "/bodies", "/bodies?q=local&sort=latest", "/gap", "/map", "/organize", "/bills",
         "/data", "/districts", "/feeds/published.atom"]
REVIEW_LINK = "Review queue"


@pytest.fixture
def page_cache(app, monkeypatch):
    """The app with its page cache on (tests run with it off: they change rows directly)."""
    monkeypatch.setitem(app.config, "PAGE_CACHE", True)
    pagecache.clear()
    yield app
    pagecache.clear()


def anonymous(app) -> IsolatedClient:
    return IsolatedClient(app, app.response_class, use_cookies=True)


def stored_pages() -> list[bytes]:
    return [body for body, _headers in
            (pagecache.store.get(key) for key in list(pagecache.store.cache._cache))
            if body is not None]


@pytest.mark.parametrize("path", PAGES)
def test_a_repeat_of_a_public_page_costs_one_statement(page_cache, make_body, queries, path):
    make_body(name="Stored Local", state="OH", latitude=39.96, longitude=-83.0,
              geocode_precision="city")
    visitor = anonymous(page_cache)
    first = visitor.get(path)
    assert first.status_code == 200
    with queries() as repeat:
        again = visitor.get(path)
    assert len(repeat) == 1, repeat  # the data version; the page comes from the store
    assert again.get_data() == first.get_data()
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Cache-Control"] == "public, no-cache"
    assert "Cookie" in again.headers["Vary"]
    assert again.headers["Content-Security-Policy"]


def test_conditional_requests_are_answered_304(page_cache, make_body, queries):
    make_body(name="Conditional Local")
    visitor = anonymous(page_cache)
    first = visitor.get("/bodies")
    tag, stamp = first.headers["ETag"], first.headers["Last-Modified"]
    assert tag.startswith('W/"') and stamp
    with queries() as revalidation:
        held = visitor.get("/bodies", headers={"If-None-Match": tag})
    assert held.status_code == 304 and held.get_data() == b"" and len(revalidation) == 1
    assert held.headers["ETag"] == tag and held.headers["Cache-Control"] == "public, no-cache"
    assert visitor.get("/bodies", headers={"If-Modified-Since": stamp}).status_code == 304
    assert visitor.head("/bodies", headers={"If-None-Match": tag}).status_code == 304
    other = visitor.get("/bodies?state=CA", headers={"If-None-Match": tag})
    assert other.status_code == 200 and other.headers["ETag"] != tag  # the query is in the tag
    assert visitor.get("/bodies", headers={"If-None-Match": 'W/"something-else"'}).status_code == 200


def test_the_switch_keeps_304s_but_stores_nothing(page_cache, make_body, monkeypatch):
    monkeypatch.setitem(page_cache.config, "PAGE_CACHE", False)
    make_body()
    visitor = anonymous(page_cache)
    tag = visitor.get("/bodies").headers["ETag"]
    assert visitor.get("/bodies", headers={"If-None-Match": tag}).status_code == 304
    assert stored_pages() == []


def test_a_reviewers_page_is_never_served_to_a_visitor_nor_a_visitors_to_a_reviewer(
        page_cache, reviewer_client, make_body):
    make_body(name="Shared Local")
    visitor = anonymous(page_cache)
    for _ in range(2):  # rendered for the reviewer first, then from whatever the store holds
        seen = reviewer_client.get("/bodies")
        assert REVIEW_LINK in seen.get_data(as_text=True)
        assert seen.headers["Cache-Control"] == "private, no-store" and "ETag" not in seen.headers
        public = visitor.get("/bodies")
        assert "Shared Local" in public.get_data(as_text=True)
        assert REVIEW_LINK not in public.get_data(as_text=True)
        assert public.headers["Cache-Control"] == "public, no-cache"
    tag = visitor.get("/bodies").headers["ETag"]
    held = reviewer_client.get("/bodies", headers={"If-None-Match": tag})
    assert held.status_code == 200 and REVIEW_LINK in held.get_data(as_text=True)
    assert stored_pages() and not any(REVIEW_LINK.encode() in page for page in stored_pages())


def test_forms_tracking_pages_and_visitors_with_a_session_are_never_stored(
        page_cache, make_submission, make_body):
    make_body(name="Form Local")
    _, token = make_submission()
    visitor = anonymous(page_cache)
    for path in (f"/submissions/{token}", "/submit/resolution", "/login", "/healthz"):
        response = visitor.get(path)
        assert response.status_code == 200 and "ETag" not in response.headers, path
    assert stored_pages() == []
    # The form gave this visitor a session (its CSRF token): their pages are theirs alone.
    assert visitor.get_cookie(page_cache.config["SESSION_COOKIE_NAME"]) is not None
    page = visitor.get("/bodies")
    assert page.status_code == 200 and "ETag" not in page.headers
    assert stored_pages() == []
    assert anonymous(page_cache).get("/bodies").headers["ETag"]
    assert len(stored_pages()) == 1


def test_a_publication_is_seen_by_the_next_request(page_cache, reviewer_client, make_submission):
    visitor = anonymous(page_cache)
    before = visitor.get("/bodies")
    assert "ATU Local 1555" not in before.get_data(as_text=True)
    assert visitor.get("/bodies").get_data() == before.get_data()  # from the store
    submission, _ = make_submission()
    response = decide(reviewer_client, submission.id, decision="publish_new")
    assert response.status_code == 302, response.get_data(as_text=True)
    after = visitor.get("/bodies", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert "ATU Local 1555" in after.get_data(as_text=True)


@pytest.mark.skipif(not redis_reachable() and os.environ.get("CI") != "true",
                    reason="needs Redis on 127.0.0.1:6379")
def test_workers_share_pages_through_redis(make_app, make_body, queries):
    """Two apps, as two workers or servers would be: a page one renders, the other serves."""
    settings = {"PAGE_CACHE": True, "CACHE_REDIS_URL": "redis://127.0.0.1:6379/0",
                "CACHE_KEY_PREFIX": f"registry-test-{uuid.uuid4().hex}:"}
    first, second = make_app(**settings), make_app(**settings)
    assert first.config["CACHE_TYPE"] == "RedisCache"
    make_body(name="Redis Local")
    page = anonymous(first).get("/bodies")
    assert "Redis Local" in page.get_data(as_text=True)
    with second.app_context(), queries() as repeat:
        served = anonymous(second).get("/bodies")
    assert served.get_data() == page.get_data() and len(repeat) == 1
    with first.app_context():
        pagecache.clear()


def test_a_new_follower_is_counted_on_the_next_request(page_cache, make_body):
    """The body page shows how many people follow the body: a confirmation (or an
    unsubscription) changes the data version, so no stored page or 304 outlives the count."""
    from datetime import timedelta

    from registry.database import db, utcnow
    from registry.models import Watch

    body = make_body(name="Followed Local")
    visitor = anonymous(page_cache)
    first = visitor.get(f"/bodies/{body.slug}")
    assert "1 person follows" not in first.get_data(as_text=True)
    watch = Watch(body_id=body.id, email="member@example.org", confirmed_at=utcnow() + timedelta(seconds=1))
    db.session.add(watch)
    db.session.commit()
    fresh = visitor.get(f"/bodies/{body.slug}", headers={"If-None-Match": first.headers["ETag"]})
    assert fresh.status_code == 200
    assert "1 person follows this body" in fresh.get_data(as_text=True)
    watch.unsubscribed_at = utcnow() + timedelta(seconds=2)
    db.session.commit()
    gone = visitor.get(f"/bodies/{body.slug}", headers={"If-None-Match": fresh.headers["ETag"]})
    assert gone.status_code == 200 and "follows this body" not in gone.get_data(as_text=True)
