"""Reviewer sessions: the cookie is Secure outside debug mode (unless turned off explicitly for
plain-HTTP testing), HTTPS answers carry HSTS, and logging out, deactivating a reviewer or changing
a password ends the reviewer's sessions on the server: a captured cookie stops working."""

from __future__ import annotations

import pathlib

import pytest
from flask.testing import FlaskClient

from registry.accounts.services import authenticate
from registry.database import db
from registry.models import User
from tests.moderation.conftest import IsolatedClient
from tests.moderation.helpers import PASSWORD, form_tokens, hidden_value, login, post_form

README = pathlib.Path(__file__).parent.parent.parent / "README.md"


def captured_session(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def replay(app, session_value: str):
    """Someone else's browser presenting the captured cookie."""
    thief = IsolatedClient(app, app.response_class, use_cookies=True)
    thief.set_cookie("session", session_value)
    return thief.get("/review")


def test_logout_ends_the_session_on_the_server(app, reviewer_client):
    """A session cookie captured while logged in worked after logout (the cookie held it all)."""
    stolen = captured_session(reviewer_client)
    assert replay(app, stolen).status_code == 200
    response = post_form(reviewer_client, "/logout", {}, tokens=form_tokens(reviewer_client, "/logout"))
    assert response.status_code == 302
    assert replay(app, stolen).status_code == 302  # to the login page
    assert reviewer_client.get("/review").status_code == 302


def test_logging_out_ends_every_session_of_that_reviewer(app, reviewer_client):
    other_browser = IsolatedClient(app, app.response_class, use_cookies=True)
    login(other_browser, reviewer_client.reviewer.email)
    assert other_browser.get("/review").status_code == 200
    post_form(reviewer_client, "/logout", {}, tokens=form_tokens(reviewer_client, "/logout"))
    assert other_browser.get("/review").status_code == 302


def test_deactivating_a_reviewer_ends_their_sessions_for_good(app, runner, reviewer_client):
    stolen = captured_session(reviewer_client)
    result = runner.invoke(args=["users", "deactivate", reviewer_client.reviewer.email])
    assert result.exit_code == 0, result.output
    assert replay(app, stolen).status_code == 302
    # Reactivated later, the account starts afresh: the old cookie stays dead.
    assert runner.invoke(args=["users", "activate", reviewer_client.reviewer.email]).exit_code == 0
    assert replay(app, stolen).status_code == 302
    fresh = IsolatedClient(app, app.response_class, use_cookies=True)
    assert login(fresh, reviewer_client.reviewer.email).status_code == 302


def test_a_password_change_ends_the_reviewers_sessions(app, runner, reviewer_client):
    stolen = captured_session(reviewer_client)
    email = reviewer_client.reviewer.email
    result = runner.invoke(args=["users", "set-password", email], input="a brand new passphrase\n")
    assert result.exit_code == 0, result.output
    assert replay(app, stolen).status_code == 302
    assert authenticate(email, PASSWORD) is None
    assert authenticate(email, "a brand new passphrase") is not None


def test_password_changes_keep_the_password_rules(runner, make_reviewer):
    reviewer = make_reviewer()
    result = runner.invoke(args=["users", "set-password", reviewer.email], input="short\n")
    assert result.exit_code == 1 and "password" in result.output
    unknown = runner.invoke(args=["users", "set-password", "nobody@example.org"],
                            input="a long enough password\n")
    assert unknown.exit_code == 1 and "no account" in unknown.output
    assert authenticate(reviewer.email, PASSWORD) is not None


def test_sessions_of_an_earlier_format_are_not_accepted(app, make_reviewer):
    """A cookie naming only the user id (as before sessions could be ended) signs nobody in."""
    reviewer = make_reviewer()
    client = IsolatedClient(app, app.response_class, use_cookies=True)
    with client.session_transaction() as session:
        session["_user_id"] = str(reviewer.id)
        session["_fresh"] = True
    assert client.get("/review").status_code == 302
    assert db.session.get(User, reviewer.id).session_token


# The cookie and the transport ---------------------------------------------------------------------

@pytest.fixture
def production(make_app, monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    for name in ("SESSION_COOKIE_SECURE", "FLASK_SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)

    def build(**overrides):
        return make_app(TESTING=False, **overrides)

    return build


def test_the_session_cookie_is_secure_outside_debug_mode(production, make_reviewer):
    app = production()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    make_reviewer("secure@example.org")
    client = app.test_client()
    https = "https://localhost"
    page = client.get("/login", base_url=https).get_data(as_text=True)
    response = client.post("/login", base_url=https, headers={"Referer": f"{https}/login"}, data={
        "csrf_token": hidden_value(page, "csrf_token"), "email": "secure@example.org",
        "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(("variable", "value"), [("SESSION_COOKIE_SECURE", "false"),
                                                 ("SESSION_COOKIE_SECURE", "0"),
                                                 ("FLASK_SESSION_COOKIE_SECURE", "false")])
def test_secure_cookies_can_be_turned_off_explicitly_for_plain_http_testing(production, monkeypatch,
                                                                          variable, value):
    monkeypatch.setenv(variable, value)
    assert production().config["SESSION_COOKIE_SECURE"] is False


def test_debug_mode_keeps_plain_http_cookies(make_app, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    assert make_app(TESTING=False).config["SESSION_COOKIE_SECURE"] is False


def test_https_answers_carry_hsts_and_the_readme_explains_it(production):
    client = production().test_client()
    secure = client.get("/about", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/about").headers  # plain HTTP: never
    off = production(HSTS_MAX_AGE=0).test_client().get("/about", base_url="https://localhost")
    assert "Strict-Transport-Security" not in off.headers
    readme = README.read_text(encoding="utf-8")
    assert "HSTS" in readme and "SESSION_COOKIE_SECURE" in readme
