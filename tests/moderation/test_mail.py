"""Email, through a real SMTP server (aiosmtpd): a submitter hears of a reviewer's decision (and
no one else's data), reviewers who opt in get one digest a day, failures never lose a decision,
and without a server messages land in the outbox folder."""

from __future__ import annotations

import email
import email.policy
import logging
import os
import re

import pytest
from sqlalchemy import select

from registry.database import db
from registry.mail import MailError, send, unsubscribe_headers
from registry.models import Submission, User
from tests.moderation.helpers import decide, form_tokens, post_form

OTHER = {"name": "Robin Otherperson", "email": "robin.other@example.org"}


def tracking_link(text: str) -> str:
    match = re.search(r"Your tracking page: (\S+)", text)
    assert match, text
    return match.group(1)


def decoded(mail) -> str:
    """Every header and the text as read (quoted-printable could split a word in the raw form)."""
    return "\n".join(f"{name}: {value}" for name, value in mail.message.items()) + "\n" + mail.text


@pytest.fixture
def two_submissions(make_submission):
    """Pat's submission (decided in the tests) and Robin's, which must never show in Pat's mail."""
    pats, pat_token = make_submission(title="Pat's resolution")
    robins, robin_token = make_submission(submitter=OTHER, title="Robin's resolution")
    return pats, pat_token, robins, robin_token


@pytest.mark.parametrize("decision,note,words", [
    ("publish_new", "Thank you, it is on the record.", "Decision: published"),
    ("reject", "This body is not a union.", "Decision: not published"),
    ("needs_info", "Please send the minutes.", "needs more information"),
])
def test_a_decision_emails_the_submitter_and_nobody_else(app, client, reviewer_client, smtp_inbox,
                                                         two_submissions, decision, note, words):
    """One email, to the address given, with the decision, the reviewer's public note and a
    working tracking link; never the internal note, the reviewer, nor another submitter."""
    pats, pat_token, robins, robin_token = two_submissions
    response = decide(reviewer_client, pats.id, decision=decision, review_note=note,
                      internal_note="Internal: checked against the AFL-CIO list")
    assert response.status_code == 302
    [mail] = smtp_inbox.received
    assert mail.recipients == ["pat.member@example.org"]
    assert mail.message["To"] == "pat.member@example.org"
    assert f"#{pats.id}" in mail.message["Subject"]
    text = mail.text
    assert words in text and note in text and "Pat's resolution" in text
    whole = decoded(mail)
    for private in ("Internal:", "reviewer@example.org", OTHER["email"], OTHER["name"],
                    "Robin's resolution", pat_token, robin_token, pats.token_hash, robins.token_hash):
        assert private not in whole
    link = tracking_link(text)
    assert link.startswith(app.config["SITE_URL"].rstrip("/") + "/submissions/")
    path = link[len(app.config["SITE_URL"].rstrip("/")):]
    db.session.expire_all()
    page = client.get(path)
    assert page.status_code == 200 and "Pat&#39;s resolution" in page.get_data(as_text=True)


def test_the_emailed_link_takes_an_answer_and_cannot_be_forged(app, client, reviewer_client,
                                                               smtp_inbox, two_submissions):
    """The link in the email works like the tracking link (the answer form too); changed, or
    pointed at another submission, it opens nothing."""
    pats, _, robins, _ = two_submissions
    decide(reviewer_client, pats.id, decision="needs_info", review_note="Which year?")
    path = "/submissions/" + tracking_link(smtp_inbox.received[0].text).rsplit("/", 1)[1]
    db.session.expire_all()
    answered = post_form(client, path + "/answer", {"text": "It was 2019."},
                         tokens=form_tokens(client, path))
    assert answered.status_code == 303
    db.session.expire_all()
    assert db.session.get(Submission, pats.id).status == "pending"
    reference = path.rsplit("/", 1)[1]
    tampered = reference[:-2] + ("AA" if not reference.endswith("AA") else "BB")
    assert client.get(f"/submissions/{tampered}").status_code == 404
    from itsdangerous import URLSafeSerializer
    forged = URLSafeSerializer("not-the-secret", salt="submission-mail-link").dumps(
        [robins.id, robins.token_hash[:16]])
    assert client.get(f"/submissions/{forged}").status_code == 404


def test_no_email_without_an_address(reviewer_client, smtp_inbox, make_submission):
    submission, _ = make_submission()
    submission.submitter_email = None
    db.session.commit()
    assert decide(reviewer_client, submission.id, decision="reject",
                  review_note="No source.").status_code == 302
    assert smtp_inbox.received == []


def test_a_mail_failure_is_logged_and_the_decision_stands(app, reviewer_client, make_submission,
                                                         caplog):
    """With the mail server unreachable the decision is recorded all the same, and logged."""
    from tests.smtp import free_port

    submission, _ = make_submission()
    saved = app.config["MAIL_SERVER"], app.config["MAIL_PORT"]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nobody listens there
    try:
        with caplog.at_level(logging.ERROR, logger="registry.review.notices"):
            response = decide(reviewer_client, submission.id, decision="reject",
                              review_note="Not a union body.")
    finally:
        app.config["MAIL_SERVER"], app.config["MAIL_PORT"] = saved
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).status == "rejected"
    assert f"Decision on submission #{submission.id} recorded, but its email failed" in caplog.text


def test_without_a_mail_server_messages_go_to_the_outbox(app, reviewer_client, make_submission,
                                                         tmp_path):
    """No MAIL_SERVER: one .eml file per message in the outbox folder."""
    submission, _ = make_submission()
    saved = app.config["MAIL_OUTBOX"]
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")
    try:
        decide(reviewer_client, submission.id, decision="reject", review_note="Duplicate.")
    finally:
        app.config["MAIL_OUTBOX"] = saved
    [name] = os.listdir(tmp_path / "outbox")
    assert name.endswith(".eml")
    with open(tmp_path / "outbox" / name, "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert message["To"] == "pat.member@example.org"
    assert "Duplicate." in message.get_body(("plain",)).get_content()


def test_send_carries_html_and_list_unsubscribe_and_refuses_header_tricks(app, smtp_inbox):
    """The general API: one address, optional HTML part, extra headers such as List-Unsubscribe."""
    send("watcher@example.org", "Reminder", "Plain words.", html="<p>Plain words.</p>",
         headers=unsubscribe_headers("https://registry.example/unsubscribe/abc", one_click=True))
    [mail] = smtp_inbox.received
    assert mail.message["List-Unsubscribe"] == "<https://registry.example/unsubscribe/abc>"
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.message["Auto-Submitted"] == "auto-generated"
    assert mail.message.get_body(("html",)).get_content().strip() == "<p>Plain words.</p>"
    for bad in ("a@example.org\r\nBcc: b@example.org", "a@example.org, b@example.org", "nobody"):
        with pytest.raises(MailError):
            send(bad, "x", "y")
    send("watcher@example.org", "Line\r\nBcc: b@example.org", "y")
    assert smtp_inbox.received[-1].recipients == ["watcher@example.org"]
    assert smtp_inbox.received[-1].message["Bcc"] is None


def test_reviewers_opt_in_to_one_digest_a_day(app, reviewer_client, make_reviewer, runner,
                                              smtp_inbox, two_submissions):
    """The account page sets the preference; `mail digest` sends once a day to those who asked,
    with counts and links, and no submitter's name or address."""
    make_reviewer("quiet@example.org")  # did not ask for it
    page = reviewer_client.get("/account")
    assert page.status_code == 200 and "daily digest" in page.get_data(as_text=True)
    saved = post_form(reviewer_client, "/account", {"mail_digest": "y"})
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(User).where(User.email == "reviewer@example.org")).mail_digest
    first = runner.invoke(args=["mail", "digest"])
    assert first.exit_code == 0, first.output
    assert "Digest sent to reviewer@example.org." in first.output
    [mail] = smtp_inbox.received
    assert mail.recipients == ["reviewer@example.org"]
    assert "2 waiting for review" in mail.text and "Pat's resolution" in mail.text
    assert "/review/" in mail.text and mail.message["List-Unsubscribe"].endswith("/account>")
    for private in ("pat.member@example.org", "Pat Member", OTHER["email"], OTHER["name"]):
        assert private not in decoded(mail)
    again = runner.invoke(args=["mail", "digest"])
    assert again.exit_code == 0 and "already had today's digest" in again.output
    assert len(smtp_inbox.received) == 1
    post_form(reviewer_client, "/account", {})  # unticked: no more digests
    db.session.expire_all()
    assert not db.session.scalar(select(User).where(User.email == "reviewer@example.org")).mail_digest


def test_mail_username_and_password_log_in_to_the_server(app):
    """MAIL_USERNAME and MAIL_PASSWORD are given to a server that requires AUTH; a wrong
    password is a MailError naming the server."""
    from tests.smtp import smtp_server

    saved = {k: app.config[k] for k in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USERNAME",
                                        "MAIL_PASSWORD")}
    with smtp_server(credentials=("registry", "mail secret")) as (inbox, port):
        try:
            app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USERNAME="registry",
                              MAIL_PASSWORD="mail secret")
            send("pat@example.org", "Hello", "Logged in.")
            app.config["MAIL_PASSWORD"] = "wrong"
            with pytest.raises(MailError, match="127.0.0.1"):
                send("pat@example.org", "Hello", "Refused.")
        finally:
            app.config.update(saved)
    assert [(r.text.strip(), r.authenticated) for r in inbox.received] == [("Logged in.", True)]


def test_mail_settings_from_the_environment(make_app, monkeypatch):
    """MAIL_* variables are read (flags as true/false, the port as a number); TLS and SSL
    together, or a port that is not a number, refuse to start."""
    from registry.config import SettingsError

    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("MAIL_PORT", "587")
    monkeypatch.setenv("MAIL_USE_TLS", "yes")
    monkeypatch.setenv("MAIL_FROM", "Registry <registry@example.org>")
    app = make_app()
    assert app.config["MAIL_SERVER"] == "smtp.example.org" and app.config["MAIL_PORT"] == 587
    assert app.config["MAIL_USE_TLS"] is True and app.config["MAIL_USE_SSL"] is False
    monkeypatch.setenv("MAIL_USE_SSL", "true")
    with pytest.raises(SettingsError, match="not both"):
        make_app()
    monkeypatch.delenv("MAIL_USE_SSL")
    monkeypatch.setenv("MAIL_PORT", "submission")
    with pytest.raises(SettingsError, match="MAIL_PORT"):
        make_app()


def test_mail_commands_check_the_settings_and_send_no_empty_digest(runner, smtp_inbox,
                                                                  make_reviewer):
    """`mail test EMAIL` sends through the configured server; `mail digest` with nothing waiting
    sends nothing and says so."""
    reviewer = make_reviewer()
    reviewer.mail_digest = True
    db.session.commit()
    tested = runner.invoke(args=["mail", "test", "admin@example.org"])
    assert tested.exit_code == 0 and "Sent to admin@example.org through 127.0.0.1" in tested.output
    empty = runner.invoke(args=["mail", "digest"])
    assert empty.exit_code == 0 and "No digest sent" in empty.output
    assert [r.recipients for r in smtp_inbox.received] == [["admin@example.org"]]
