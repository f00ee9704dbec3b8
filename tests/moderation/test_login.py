"""Reviewer login: generic failures, safe redirects, rate limits, and pages behind it."""

from __future__ import annotations

import pytest

from registry.extensions import limiter
from tests.moderation.helpers import PASSWORD, form_tokens, login, post_form


@pytest.mark.parametrize("path", ["/review", "/review/1", "/review/1/document"])
def test_review_pages_need_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_login_failures_say_the_same_thing_whichever_part_was_wrong(client, make_reviewer):
    """A wrong password and an unknown email get one generic message."""
    make_reviewer("real@example.org")
    wrong_password = login(client, "real@example.org", "not the password at all")
    unknown_email = login(client, "nobody@example.org", PASSWORD)
    pages = [r.get_data(as_text=True) for r in (wrong_password, unknown_email)]
    assert wrong_password.status_code == unknown_email.status_code == 200
    message = "That email and password do not match an active reviewer account."
    assert all(message in page for page in pages)
    assert "real@example.org" not in pages[0].replace('value="real@example.org"', "")
    assert client.get("/review").status_code == 302  # still not signed in


def test_inactive_accounts_cannot_log_in(client, make_reviewer):
    from registry.database import db

    user = make_reviewer("gone@example.org")
    user.active = False
    db.session.commit()
    assert "do not match" in login(client, "gone@example.org").get_data(as_text=True)


@pytest.mark.parametrize("target,expected", [
    ("/review?kind=action", "/review?kind=action"),
    ("https://evil.example/", "/review"),
    ("//evil.example/x", "/review"),
    ("/\\evil.example", "/review"),
    ("javascript:alert(1)", "/review"),
    ("/review\r\nSet-Cookie: stolen=1", "/review"),  # was a 500: no header may hold a line break
    ("/review\x0b", "/review"),
])
def test_login_redirects_only_to_pages_of_this_site(client, make_reviewer, target, expected):
    make_reviewer("next@example.org")
    tokens = form_tokens(client, "/login")
    response = post_form(client, "/login", {"email": "next@example.org", "password": PASSWORD,
                                            "next": target}, tokens=tokens)
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_login_without_csrf_token_is_refused(client, make_reviewer):
    make_reviewer("csrf@example.org")
    response = client.post("/login", data={"email": "csrf@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/review").status_code == 302


def test_logout_is_a_post(reviewer_client):
    assert reviewer_client.get("/review").status_code == 200
    reviewer_client.get("/logout")  # a GET only shows the button
    assert reviewer_client.get("/review").status_code == 200
    response = post_form(reviewer_client, "/logout", {})
    assert response.status_code == 302
    assert reviewer_client.get("/review").status_code == 302


@pytest.fixture
def limited_app(make_app):
    """An app with rate limits on, with small limits; the shared limiter is reset afterwards."""
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute",
                   SUBMISSION_RATE_LIMIT="2 per minute")
    yield app
    limiter.reset()
    limiter.enabled = False


def test_login_is_rate_limited_per_address(limited_app, make_reviewer):
    make_reviewer("limited@example.org")
    client = limited_app.test_client()
    tokens = form_tokens(client, "/login")
    codes = [post_form(client, "/login", {"email": "limited@example.org", "password": "wrong-guess"},
                       tokens=tokens).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    # Even the right password waits once the limit is reached.
    assert login(client, "limited@example.org").status_code == 429
    other = limited_app.test_client()
    response = other.post("/login", environ_base={"REMOTE_ADDR": "10.0.0.9"},
                          data={**form_tokens(other, "/login"), "email": "limited@example.org",
                                "password": PASSWORD})
    assert response.status_code == 302  # another address is not affected


def test_submissions_are_rate_limited_per_address(limited_app, make_body):
    from sqlalchemy import func, select

    from registry.database import db
    from registry.models import Submission
    from tests.moderation.helpers import resolution_fields

    body = make_body()
    client = limited_app.test_client()
    codes = [post_form(client, "/submit/resolution", resolution_fields(body.id, title=f"Resolution {n}"))
             .status_code for n in range(3)]
    assert codes == [200, 200, 429]
    assert db.session.scalar(select(func.count()).select_from(Submission)) == 2
    assert client.get("/submit/resolution").status_code == 200  # reading the form is not limited


def test_logout_without_csrf_token_is_refused(reviewer_client):
    assert reviewer_client.post("/logout").status_code == 400
    assert reviewer_client.get("/review").status_code == 200


def test_huge_submission_numbers_are_a_404(reviewer_client):
    assert reviewer_client.get("/review/" + "9" * 30).status_code == 404
    assert reviewer_client.get("/review?page=" + "9" * 30).status_code == 200


def test_rate_limits_can_live_in_redis(make_app, make_body):
    """With RATELIMIT_STORAGE_URI pointing at Redis (as when several servers share the load),
    the submission limit is counted there."""
    import random

    import redis

    from tests.moderation.helpers import resolution_fields

    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/15",
                   SUBMISSION_RATE_LIMIT="2 per minute")
    try:
        body = make_body()
        # An address of its own, so runs sharing the Redis server never count each other.
        address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        codes = [post_form(client, "/submit/resolution", resolution_fields(body.id, title=f"R{n}"))
                 .status_code for n in range(3)]
        assert codes == [200, 200, 429]
        keys = redis.Redis(host="127.0.0.1", port=6379, db=15).keys(f"*{address}*")
        assert keys, "no rate-limit counter for this address in Redis"
    finally:
        limiter.enabled = False
