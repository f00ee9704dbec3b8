"""Following a body: double opt-in through a real SMTP server, a single-use confirmation link,
one-click unsubscribing (RFC 8058 too), a count of confirmed followers only, rate limits per
connection and per address, and answers that never tell whether an address follows a body."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from registry.database import db
from registry.models import MailStop, Watch
from registry.watches.services import unsubscribe_url
from tests.watches.helpers import ask_to_follow, confirm_by_link, link_in

PAT = "pat.member@example.org"


def test_watch_confirm_and_count(client, smtp_inbox, make_body, make_resolution):
    body = make_body(name="Nurses Local 5", slug="nurses-local-5", endorsing=True)
    make_resolution(body)
    page = client.get("/bodies/nurses-local-5").get_data(as_text=True)
    assert "Follow this body" in page and "follow this body." not in page

    response = ask_to_follow(client, "nurses-local-5", "  Pat.Member@Example.org ")
    assert response.status_code == 200
    assert "Check your email" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"].startswith("private")
    [mail] = smtp_inbox.received
    assert mail.recipients == [PAT] and "Nurses Local 5" in mail.message["Subject"]
    # Not confirmed yet: not counted.
    assert "follows this body" not in client.get("/bodies/nurses-local-5").get_data(as_text=True)

    confirm_path = link_in(mail.text, "/watch/confirm/")
    assert client.get(confirm_path).status_code == 200  # a page with a button; nothing confirmed
    db.session.expire_all()
    assert db.session.scalar(select(Watch)).confirmed_at is None
    confirmed = confirm_by_link(client, mail.text)
    assert confirmed.status_code == 200 and "You follow Nurses Local 5" in confirmed.get_data(as_text=True)
    assert "1 person follows this body." in client.get("/bodies/nurses-local-5").get_data(as_text=True)
    # Single use: the link opens nothing once used.
    assert client.get(confirm_path).status_code == 404

    # Asking again while following sends nothing, and the page says the same as ever.
    again = ask_to_follow(client, "nurses-local-5", PAT)
    assert "Check your email" in again.get_data(as_text=True) and len(smtp_inbox.received) == 1
    ask_to_follow(client, "nurses-local-5", "robin@example.org")
    assert len(smtp_inbox.received) == 2
    assert "1 person follows" in client.get("/bodies/nurses-local-5").get_data(as_text=True)
    confirm_by_link(client, smtp_inbox.received[1].text)
    assert "2 people follow this body." in client.get("/bodies/nurses-local-5").get_data(as_text=True)


@pytest.mark.parametrize("email,words", [
    ("", "Email address: give the address"),
    ("not an address", "Email address: this does not look like one email address"),
    ("a@b.org, c@d.org", "Email address: this does not look like one email address"),
    ("x" * 250 + "@example.org", "Email address: this does not look like one email address"),
])
def test_bad_addresses_are_named_and_nothing_is_stored(client, smtp_inbox, make_body, email, words):
    make_body(slug="some-local")
    response = ask_to_follow(client, "some-local", email)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert words in page and 'aria-invalid="true"' in page
    assert smtp_inbox.received == [] and db.session.scalar(select(Watch)) is None


def test_a_post_without_the_csrf_token_is_refused(client, make_body, smtp_inbox):
    make_body(slug="some-local")
    response = client.post("/bodies/some-local/watch", data={"email": PAT})
    assert response.status_code == 400 and smtp_inbox.received == []


def test_no_watch_page_for_an_unknown_body(client):
    assert client.get("/bodies/no-such-body/watch").status_code == 404


def _following(client, smtp_inbox, slug: str) -> Watch:
    ask_to_follow(client, slug, PAT)
    confirm_by_link(client, smtp_inbox.received[-1].text)
    db.session.expire_all()
    return db.session.scalar(select(Watch).where(Watch.email == PAT))


def test_unsubscribe_asks_first_then_stops_every_email(app, client, smtp_inbox, make_body):
    make_body(slug="some-local", name="Some Local")
    make_body(slug="other-local", name="Other Local")
    watch = _following(client, smtp_inbox, "some-local")
    with app.test_request_context():
        path = "/watch/unsubscribe/" + unsubscribe_url(watch).rsplit("/", 1)[1]
    page = client.get(path)
    assert page.status_code == 200 and "Stop all email" in page.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Watch, watch.id).unsubscribed_at is None  # GET changes nothing
    stopped = client.post(path)  # no CSRF token: a mail client's one-click POST works
    assert stopped.status_code == 200 and "No more email" in stopped.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Watch, watch.id).unsubscribed_at is not None
    assert db.session.scalar(select(MailStop.reason)) == "unsubscribed"
    assert "follows this body" not in client.get("/bodies/some-local").get_data(as_text=True)
    # Never written to again: asking to follow another body, or the same, sends nothing.
    sent = len(smtp_inbox.received)
    for slug in ("other-local", "some-local"):
        response = ask_to_follow(client, slug, PAT)
        assert "Check your email" in response.get_data(as_text=True)
    assert len(smtp_inbox.received) == sent


def test_rfc_8058_one_click_post(app, client, smtp_inbox, make_body):
    make_body(slug="some-local")
    watch = _following(client, smtp_inbox, "some-local")
    with app.test_request_context():
        path = "/watch/unsubscribe/" + unsubscribe_url(watch).rsplit("/", 1)[1]
    response = client.post(path, data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Watch, watch.id).unsubscribed_at is not None


def test_a_changed_unsubscribe_link_opens_nothing(app, client, smtp_inbox, make_body):
    make_body(slug="some-local")
    watch = _following(client, smtp_inbox, "some-local")
    with app.test_request_context():
        token = unsubscribe_url(watch).rsplit("/", 1)[1]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post(f"/watch/unsubscribe/{tampered}").status_code == 404
    db.session.expire_all()
    assert db.session.get(Watch, watch.id).unsubscribed_at is None


@pytest.fixture
def limited_client(make_app):
    application = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://",
                           WATCH_ADDRESS_LIMIT="4 per hour", WATCH_EMAIL_LIMIT="2 per hour")
    return application.test_client()


def test_rate_limits_per_email_and_per_connection(limited_client, make_body, smtp_inbox):
    make_body(slug="some-local")
    for _ in range(2):
        assert ask_to_follow(limited_client, "some-local", PAT).status_code == 200
    refused = ask_to_follow(limited_client, "some-local", PAT)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "too many requests" in refused.get_data(as_text=True)
    assert "(2 an hour)" in refused.get_data(as_text=True)
    assert ask_to_follow(limited_client, "some-local", "robin@example.org").status_code == 200
    # The connection has made four requests now: a fifth address is refused too.
    refused = ask_to_follow(limited_client, "some-local", "sam@example.org")
    assert refused.status_code == 429
    assert db.session.scalar(select(Watch).where(Watch.email == "sam@example.org")) is None
    # The same refusal, read in Spanish: the limit and the wait in Spanish words too.
    limited_client.set_cookie("lang", "es")
    refused = ask_to_follow(limited_client, "some-local", PAT)
    limited_client.delete_cookie("lang")
    said = refused.get_data(as_text=True)
    assert refused.status_code == 429 and "demasiadas solicitudes" in said
    assert re.search(r"\(\d por hora\)", said)
    assert re.search(r"Vuelva a intentarlo dentro de \d+ minutos", said)
