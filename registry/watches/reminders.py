"""Follow-through reminders: six months after a body's latest resolution or check, and every six
months while it stays "not yet checked" or "paper only", each confirmed watcher gets one email.

Exactly once per watch and period, however many runs overlap: a run first claims the pair
(watch, period) by inserting it under a UNIQUE constraint and commits; a run that loses the race
gets an IntegrityError and moves on. A claim whose message could not be handed over is given back,
so the next run tries again; a permanent refusal of the address stops all mail to it."""

from __future__ import annotations

import calendar
import smtplib
from dataclasses import dataclass, field
from datetime import date

from flask import render_template
from flask_babel import gettext
from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from registry.database import db
from registry.followthrough.ladder import period_end
from registry.followthrough.status import today as registry_today
from registry.languages import partial_date
from registry.mail import MailError, send, unsubscribe_headers
from registry.mail.languages import in_language, link_arguments
from registry.main.links import site_url_for
from registry.models import Body, Reminder, Resolution, Watch
from registry.text import format_partial_date
from registry.watches.services import active_watches, stop_writing_to, unsubscribe_url

PERIOD_MONTHS = 6


@dataclass(frozen=True)
class Due:
    watch: Watch
    body: Body
    since: date  # the latest resolution or check (or when the watch was confirmed)
    since_words: str
    period: date  # the day this reminder fell due
    # The date `since_words` names and how precisely it is known (written in each email's language).
    since_named: date | None = None
    since_precision: str = "day"


@dataclass
class RunReport:
    sent: list[Due] = field(default_factory=list)
    already: int = 0
    failed: list[str] = field(default_factory=list)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def current_period(since: date, on: date) -> date | None:
    """The latest six-monthly date after `since` that is not after `on`; None before the first."""
    months = (on.year - since.year) * 12 + on.month - since.month
    steps = months // PERIOD_MONTHS
    while steps >= 1 and add_months(since, steps * PERIOD_MONTHS) > on:
        steps -= 1
    return add_months(since, steps * PERIOD_MONTHS) if steps >= 1 else None


def _latest_resolutions(body_ids: list[int]) -> dict[int, tuple[date, str | None]]:
    """Each body's latest dated resolution and its precision."""
    latest: dict[int, tuple[date, str | None]] = {}
    rows = db.session.execute(select(Resolution.body_id, Resolution.adopted_on, Resolution.date_precision)
                              .where(Resolution.body_id.in_(body_ids), Resolution.adopted_on.is_not(None)))
    for body_id, adopted_on, precision in rows:
        end = period_end(adopted_on, precision)  # "2019" counts from the end of 2019
        if body_id not in latest or end > period_end(*latest[body_id]):
            latest[body_id] = (adopted_on, precision)
    return latest


def due_reminders(on: date | None = None) -> list[Due]:
    """Every reminder due on `on` (today) that has not been sent for its period."""
    on = on or registry_today()
    rows = db.session.execute(
        select(Watch, Body).join(Body, Watch.body_id == Body.id)
        .where(*active_watches(), Body.endorsing.is_(True),
               or_(Body.checked.is_(False), Body.tier == 0))
        .order_by(Watch.id)).all()
    latest = _latest_resolutions(sorted({body.id for _, body in rows}))
    sent = {(watch_id, period) for watch_id, period in db.session.execute(
        select(Reminder.watch_id, Reminder.period).where(Reminder.watch_id.in_([w.id for w, _ in rows])))}
    due = []
    for watch, body in rows:
        candidates = []
        if body.id in latest:
            adopted_on, precision = latest[body.id]
            candidates.append((period_end(adopted_on, precision), adopted_on, precision or "day"))
        if body.last_checked_on:
            candidates.append((body.last_checked_on, body.last_checked_on, "day"))
        if not candidates:  # nothing dated on record: count from the day the watch was confirmed
            confirmed = watch.confirmed_at.date()
            candidates.append((confirmed, confirmed, "day"))
        since, named, precision = max(candidates)
        period = current_period(since, on)
        if period is not None and (watch.id, period.isoformat()) not in sent:
            due.append(Due(watch, body, since, format_partial_date(named, precision), period,
                           named, precision))
    return due


def compose(due: Due) -> tuple[str, str, dict[str, str]]:
    """(subject, text, headers): the body, the date and links; nothing about anyone else."""
    body = due.body
    unsubscribe = unsubscribe_url(due.watch)
    # In the language the member followed the body in (the unsubscribe link carries it too).
    arguments = link_arguments(due.watch.language)
    with in_language(due.watch.language):
        since = partial_date(due.since_named, due.since_precision) if due.since_named else due.since_words
        text = render_template(
            "watches/reminder.txt", body=body, since=since,
            acted=site_url_for("submissions.action", body=body.slug, **arguments),
            nothing=site_url_for("submissions.action", body=body.slug, report="check", **arguments),
            profile=site_url_for("bodies.detail", slug=body.slug, **arguments), unsubscribe=unsubscribe)
        subject = gettext("Did %(name)s act on its Medicare for All resolution since %(since)s?",
                          name=body.name, since=since)
    return subject, text, unsubscribe_headers(unsubscribe, one_click=True)


def _claim(due: Due) -> bool:
    db.session.add(Reminder(watch_id=due.watch.id, period=due.period.isoformat()))
    try:
        db.session.commit()
    except IntegrityError:  # another run claimed it first
        db.session.rollback()
        return False
    return True


def _still_active(watch_id: int) -> bool:
    return db.session.scalar(select(Watch.id).where(Watch.id == watch_id, *active_watches())) is not None


def _refused_for_good(error: MailError) -> bool:
    """The server refused the recipient permanently (5xx): a bounce."""
    cause = error.__cause__
    if isinstance(cause, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in cause.recipients.values())
    return False


def send_due(on: date | None = None, dry_run: bool = False) -> RunReport:
    """Send every due reminder once; with dry_run, only list them. Commits per reminder."""
    due = due_reminders(on)
    if dry_run:
        return RunReport(sent=due)
    return deliver(due)


def deliver(due: list[Due]) -> RunReport:
    """Claim and send each of these reminders; one claimed by another run is skipped."""
    report = RunReport()
    for item in due:
        watch_id, email = item.watch.id, item.watch.email
        subject, text, headers = compose(item)
        if not _claim(item):
            report.already += 1
            continue
        if not _still_active(watch_id):  # unsubscribed or bounced since the list was read
            continue
        try:
            send(email, subject, text, headers=headers)
        except MailError as error:
            db.session.execute(delete(Reminder).where(Reminder.watch_id == watch_id,
                                                      Reminder.period == item.period.isoformat()))
            db.session.commit()
            if _refused_for_good(error):
                stop_writing_to(email, "bounced")
            report.failed.append(f"watch {watch_id}: {error}")
        else:
            report.sent.append(item)
    return report


def sent_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Reminder)) or 0
