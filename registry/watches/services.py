"""The rules of following a body: asking, confirming, unsubscribing, counting.

Whatever is asked, the answer a visitor sees is the same ("if this address can receive our email,
a link is on its way"), so the page never tells anyone whether an address follows a body or asked
never to be written to."""

from __future__ import annotations

import hashlib
import re
import secrets

from flask import current_app, render_template
from flask_babel import gettext
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError

from registry.database import db, utcnow
from registry.languages import current as current_language
from registry.mail import MailError, send
from registry.mail.languages import in_language, link_arguments
from registry.main.links import site_url_for
from registry.models import Body, MailStop, Watch
from registry.vocab import LENGTHS

EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")


class WatchError(ValueError):
    """The request cannot be taken; the message names the field and why."""


def normalised_email(text: str) -> str:
    email = (text or "").strip().lower()
    if not email:
        raise WatchError(gettext("Email address: give the address the reminders should go to."))
    if len(email) > LENGTHS["email"] or not EMAIL.match(email):
        raise WatchError(gettext("Email address: this does not look like one email address "
                                 "(like name@example.org)."))
    return email


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="watch-unsubscribe")


def unsubscribe_token(watch: Watch) -> str:
    return _serializer().dumps([watch.id, token_hash(watch.email)[:16]])


def watch_from_unsubscribe_token(token: str) -> Watch | None:
    try:
        watch_id, fingerprint = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    watch = db.session.get(Watch, watch_id) if isinstance(watch_id, int) else None
    if watch is None or token_hash(watch.email)[:16] != fingerprint:
        return None
    return watch


def stopped(email: str) -> bool:
    return bool(db.session.scalar(select(exists().where(MailStop.email == email))))


def stop_writing_to(email: str, reason: str) -> None:
    """Never write to this address again (unsubscribed, or its mail bounced)."""
    if stopped(email):
        return
    db.session.add(MailStop(email=email, reason=reason))
    try:
        db.session.commit()
    except IntegrityError:  # stopped at the same moment by another request
        db.session.rollback()


def unsubscribe_url(watch: Watch) -> str:
    return site_url_for("watches.unsubscribe", token=unsubscribe_token(watch),
                        **link_arguments(watch.language))


def request_watch(body: Body, email: str) -> None:
    """Record the wish to follow `body` and send the confirmation link, unless the address
    already follows it or must not be written to. Sends nothing else; commits."""
    if stopped(email):
        return
    watch = db.session.scalar(select(Watch).where(Watch.body_id == body.id, Watch.email == email))
    if watch is not None and watch.confirmed_at is not None and watch.unsubscribed_at is None:
        return  # already following: nothing to confirm
    token = secrets.token_urlsafe(24)
    if watch is None:
        watch = Watch(body_id=body.id, email=email)
        db.session.add(watch)
    watch.confirm_hash, watch.confirmed_at, watch.unsubscribed_at = token_hash(token), None, None
    watch.language = current_language()  # the language of this request: its emails go in it
    try:
        db.session.commit()
    except IntegrityError:  # the same address asked twice at once: the other request sends
        db.session.rollback()
        return
    arguments = link_arguments(watch.language)
    with in_language(watch.language):
        text = render_template("watches/confirm.txt", body=body,
                               confirm=site_url_for("watches.confirm", token=token, **arguments),
                               profile=site_url_for("bodies.detail", slug=body.slug, **arguments))
        subject = gettext("Confirm: follow %(name)s on the Resolution Registry", name=body.name)
    try:
        send(email, subject, text)
    except MailError:
        current_app.logger.exception("The confirmation email for watch %s was not sent.", watch.id)


def watch_for_confirmation(token: str) -> Watch | None:
    if not token or len(token) > 100:
        return None
    return db.session.scalar(select(Watch).where(Watch.confirm_hash == token_hash(token)))


def confirm(watch: Watch) -> None:
    """Single use: the token is forgotten once it has confirmed the watch."""
    watch.confirm_hash, watch.confirmed_at = None, utcnow()
    db.session.commit()


def unsubscribe(watch: Watch) -> None:
    """Stop this watch and every email to its address."""
    if watch.unsubscribed_at is None:
        watch.unsubscribed_at = utcnow()
        db.session.commit()
    stop_writing_to(watch.email, "unsubscribed")


def active_watches():
    """The condition of a watch that may be written to: confirmed, subscribed, not stopped."""
    return (Watch.confirmed_at.is_not(None), Watch.unsubscribed_at.is_(None),
            ~exists().where(MailStop.email == Watch.email))


def follower_count(body_id: int) -> int:
    """How many confirmed people follow the body: the only figure about watchers ever shown."""
    return db.session.scalar(select(func.count()).select_from(Watch)
                             .where(Watch.body_id == body_id, *active_watches())) or 0
