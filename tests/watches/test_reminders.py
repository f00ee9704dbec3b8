"""Follow-through reminders through a real SMTP server: due six months after the latest resolution
or check and every six months while a body stays unchecked or paper only; one email per follower
and period, even from two runs at once; answers land in the review queue; unsubscribed and
bounced addresses are never written to again."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from registry import PROJECT_ROOT
from registry.database import db, utcnow
from registry.followthrough.status import refresh_statuses
from registry.main.links import site_root
from registry.models import MailStop, Reminder, Submission, Watch
from registry.watches.reminders import current_period, deliver, due_reminders, send_due
from tests.moderation.helpers import action_fields, form_tokens, post_form
from tests.watches.helpers import ask_to_follow, confirm_by_link, link_in

PAT = "pat.member@example.org"
TODAY = date(2026, 11, 28)  # the test configuration's REGISTRY_TODAY


def follower(body, email: str, confirmed: bool = True) -> Watch:
    watch = Watch(body_id=body.id, email=email, confirmed_at=utcnow() if confirmed else None,
                  confirm_hash=None if confirmed else os.urandom(32).hex())
    db.session.add(watch)
    db.session.commit()
    return watch


@pytest.fixture
def endorsing(make_body, make_resolution):
    def build(adopted_on=date(2019, 5, 1), **overrides):
        body = make_body(**overrides)
        make_resolution(body, adopted_on=adopted_on)
        refresh_statuses([body.id])
        db.session.commit()
        return body
    return build


@pytest.mark.parametrize("since,on,period", [
    (date(2026, 6, 1), date(2026, 11, 30), None),  # not six months yet
    (date(2026, 5, 28), date(2026, 11, 28), date(2026, 11, 28)),
    (date(2019, 5, 1), date(2026, 11, 28), date(2026, 11, 1)),
    (date(2025, 8, 31), date(2026, 2, 28), date(2026, 2, 28)),  # the month's last day
    (date(2025, 8, 31), date(2026, 2, 27), None),
])
def test_the_period_a_reminder_falls_due(since, on, period):
    assert current_period(since, on) == period


def test_watch_confirm_remind_once_answer_in_the_queue(app, client, runner, smtp_inbox, endorsing):
    """The whole journey: follow, confirm, the reminder falls due, one email, the one-tap answer
    opens the check form prefilled, and the answer waits in the review queue."""
    body = endorsing(name="Bakers Local 12", slug="bakers-local-12", adopted_on=date(2026, 3, 10))
    ask_to_follow(client, "bakers-local-12", PAT)
    confirm_by_link(client, smtp_inbox.received[0].text)
    smtp_inbox.received.clear()

    app.config["REGISTRY_TODAY"] = date(2026, 9, 9)  # six months not yet up
    try:
        assert "No reminder is due." in runner.invoke(args=["reminders", "send"]).output
        app.config["REGISTRY_TODAY"] = date(2026, 9, 10)
        dry = runner.invoke(args=["reminders", "send", "--dry-run"])
        assert "Would send: reminder to follower" in dry.output and "Bakers Local 12" in dry.output
        assert PAT not in dry.output and smtp_inbox.received == []
        assert db.session.scalar(select(func.count()).select_from(Reminder)) == 0
        result = runner.invoke(args=["reminders", "send"])
        assert result.exit_code == 0 and "Sent: reminder to follower" in result.output
        again = runner.invoke(args=["reminders", "send"])
        assert "No reminder is due." in again.output
    finally:
        app.config["REGISTRY_TODAY"] = TODAY
    [mail] = smtp_inbox.received
    assert mail.recipients == [PAT]
    assert mail.message["Subject"] == ("Did Bakers Local 12 act on its Medicare for All resolution "
                                       "since 10 March 2026?")
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.message["List-Unsubscribe"].startswith(f"<{site_root_of(app)}/watch/unsubscribe/")

    check_link = link_in(mail.text, "report=check")
    assert check_link == "/submit/action?body=bakers-local-12&report=check"
    page = client.get(check_link).get_data(as_text=True)
    assert 'value="1" checked>' in page and "Bakers Local 12" in page  # the body, chosen
    assert 'checked id="report-1" name="report" type="radio" value="check"' in page
    assert link_in(mail.text, "/submit/action?body=bakers-local-12") == "/submit/action?body=bakers-local-12"
    fields = action_fields(body.id, report="check", kind="", description="Nothing in the minutes.",
                           searched="Our meeting minutes since March",
                           **{"occurred-year": "2026", "occurred-month": "9", "occurred-day": "12"})
    response = post_form(client, "/submit/action", fields, tokens=form_tokens(client, check_link))
    assert response.status_code == 200, response.get_data(as_text=True)
    submission = db.session.scalar(select(Submission))
    assert (submission.kind, submission.status, submission.body_id) == ("check", "pending", body.id)


def site_root_of(app) -> str:
    with app.test_request_context():
        return site_root()


def test_who_is_reminded(app, smtp_inbox, endorsing, make_check, make_action):
    """Only confirmed, subscribed followers of bodies unchecked or paper only; a recent check
    moves the next reminder six months on; a body that acted gets none."""
    unchecked = endorsing(name="Unchecked Local")
    paper = endorsing(name="Paper Local")
    make_check(paper, checked_on=date(2026, 1, 5))
    recently = endorsing(name="Recently Checked Local")
    make_check(recently, checked_on=date(2026, 10, 1))
    acted = endorsing(name="Acting Local")
    make_action(acted, occurred_on=date(2020, 1, 1))
    make_check(acted, checked_on=date(2021, 1, 1), result="actions_found")
    refresh_statuses([paper.id, recently.id, acted.id])
    db.session.commit()
    wanted = follower(unchecked, "a@example.org")
    follower(unchecked, "unconfirmed@example.org", confirmed=False)
    gone = follower(unchecked, "gone@example.org")
    gone.unsubscribed_at = utcnow()
    follower(unchecked, "stopped@example.org")
    db.session.add(MailStop(email="stopped@example.org", reason="bounced"))
    paper_follower = follower(paper, "b@example.org")
    follower(recently, "c@example.org")
    follower(acted, "d@example.org")
    db.session.commit()
    due = {(d.watch.id, d.period, d.since_words) for d in due_reminders()}
    assert due == {(wanted.id, date(2026, 11, 1), "1 May 2019"),
                   (paper_follower.id, date(2026, 7, 5), "5 January 2026")}


def test_a_reminder_carries_no_one_elses_data(app, smtp_inbox, endorsing, make_submission):
    body = endorsing(name="Quiet Local")
    follower(body, PAT)
    follower(body, "robin.other@example.org")
    make_submission(submitter={"name": "Sam Submitter", "email": "sam@example.org"})
    with app.test_request_context("/", base_url=site_root_of(app)):
        report = send_due()
    assert len(report.sent) == 2
    [mine] = smtp_inbox.to(PAT)
    whole = "\n".join(f"{k}: {v}" for k, v in mine.message.items()) + mine.text
    for other in ("robin.other", "sam@example.org", "Sam Submitter"):
        assert other not in whole
    assert mine.recipients == [PAT]


def test_unsubscribing_stops_every_reminder(app, client, smtp_inbox, endorsing):
    body = endorsing(name="Quiet Local")
    follower(body, PAT)
    with app.test_request_context("/", base_url=site_root_of(app)):
        send_due(on=date(2026, 11, 28))
    [mail] = smtp_inbox.received
    assert client.post(link_in(mail.text, "/watch/unsubscribe/")).status_code == 200
    with app.test_request_context("/", base_url=site_root_of(app)):
        assert due_reminders(on=date(2027, 6, 1)) == []
        send_due(on=date(2027, 6, 1))
    assert len(smtp_inbox.received) == 1


def test_a_bounced_address_is_never_written_to_again(app, endorsing):
    """A mail server that refuses the recipient for good (550): the reminder is given back, the
    address is stopped, and no later run writes to it."""
    from aiosmtpd.controller import Controller

    from tests.smtp import Inbox, free_port

    class Refusing(Inbox):
        async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
            return "550 No such user here"

    body = endorsing(name="Quiet Local")
    watch = follower(body, PAT)
    port = free_port()
    controller = Controller(Refusing(), hostname="127.0.0.1", port=port)
    controller.start()
    saved = app.config["MAIL_SERVER"], app.config["MAIL_PORT"]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    try:
        with app.test_request_context("/", base_url=site_root_of(app)):
            report = send_due()
    finally:
        controller.stop()
        app.config["MAIL_SERVER"], app.config["MAIL_PORT"] = saved
    assert len(report.failed) == 1 and report.sent == []
    assert db.session.scalar(select(MailStop.reason).where(MailStop.email == PAT)) == "bounced"
    assert db.session.scalar(select(func.count()).select_from(Reminder)) == 0
    assert due_reminders() == [] and watch.id


def _deliver_in_thread(app, due, reports, barrier):
    with app.app_context(), app.test_request_context("/", base_url=site_root_of(app)):
        barrier.wait()
        reports.append(deliver(due))
        db.session.remove()


def test_two_runs_at_once_send_each_reminder_exactly_once(app, smtp_inbox, endorsing):
    """Both runs read the same list of due reminders (so neither can skip by reading the other's
    record first); the UNIQUE (watch, period) claim alone decides who sends."""
    body = endorsing(name="Busy Local")
    emails = [f"member{n}@example.org" for n in range(6)]
    for email in emails:
        follower(body, email)
    lists = []
    for _ in range(2):
        with app.app_context(), app.test_request_context("/", base_url=site_root_of(app)):
            lists.append(due_reminders())
            db.session.expunge_all()
    assert [len(items) for items in lists] == [6, 6]
    reports: list = []
    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=_deliver_in_thread, args=(app, items, reports, barrier))
               for items in lists]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(len(r.sent) for r in reports) == 6 and sum(r.already for r in reports) == 6
    assert sorted(r for m in smtp_inbox.received for r in m.recipients) == sorted(emails)
    assert db.session.scalar(select(func.count()).select_from(Reminder)) == 6


def test_two_commands_at_once_from_two_processes(app, smtp_inbox, endorsing):
    """Two `flask reminders send` processes started together, as two cron jobs might be."""
    body = endorsing(name="Busy Local")
    emails = [f"member{n}@example.org" for n in range(8)]
    for email in emails:
        follower(body, email)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env.update(DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], SECRET_KEY="x" * 40,
               MAIL_SERVER="127.0.0.1", MAIL_PORT=str(app.config["MAIL_PORT"]),
               FLASK_REGISTRY_TODAY='"2026-11-28"', FLASK_TESTING="true")
    runs = [subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "reminders", "send"],
                             cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert sorted(r for m in smtp_inbox.received for r in m.recipients) == sorted(emails)
    assert db.session.scalar(select(func.count()).select_from(Reminder)) == 8
