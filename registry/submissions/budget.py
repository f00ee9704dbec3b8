"""How much one address may send, the forms and the API together.

Two budgets, kept in the rate limiter's storage (memory, or Redis shared by every worker):
- stored submissions count against SUBMISSION_RATE_LIMIT (default 5 a minute, 20 an hour);
- every attempt to send, valid or not, counts against SUBMISSION_ATTEMPT_LIMIT, a generous
  budget that only stops a script hammering the forms.
Searching for a body (the picker's Find button) counts against neither, and a form sent back
with mistakes spends only an attempt."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext, ngettext
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse_many

from registry.extensions import limiter
from registry.submissions.services import submission_rate_limit

DEFAULT_ATTEMPT_LIMIT = "30 per minute; 300 per hour"
STORED = "submissions"
ATTEMPTS = "submission-attempts"


@dataclass(frozen=True)
class OverLimit:
    """The address has used a budget up; it may send again in `retry_after` seconds."""

    retry_after: int
    limit: str
    rule: str = ""  # the limit as configured, e.g. "5 per minute; 20 per hour"

    @property
    def message(self) -> str:
        """In English, as the API gives it."""
        return (f"You have sent as many submissions as one connection may send for now "
                f"({self.limit}), so this one was not saved yet. Please send it again "
                f"{wait_words(self.retry_after)}.")

    def translated(self) -> str:
        """The message in the reader's language, for the member forms."""
        limit = translated_words(self.rule) if self.rule else self.limit
        return gettext("You have sent as many submissions as one connection may send for now "
                       "(%(limit)s), so this one was not saved yet. Please send it again "
                       "%(wait)s.", limit=limit, wait=translated_wait(self.retry_after))


def wait_words(seconds: int) -> str:
    if seconds < 90:
        return f"in {seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"in {minutes} minutes"


def translated_wait(seconds: int) -> str:
    """wait_words in the reader's language."""
    if seconds < 90:
        return ngettext("in %(num)d second", "in %(num)d seconds", seconds)
    return ngettext("in %(num)d minute", "in %(num)d minutes", math.ceil(seconds / 60))


PER_UNIT = {"second": lambda n: gettext("%(amount)d a second", amount=n),
            "minute": lambda n: gettext("%(amount)d a minute", amount=n),
            "hour": lambda n: gettext("%(amount)d an hour", amount=n),
            "day": lambda n: gettext("%(amount)d a day", amount=n),
            "month": lambda n: gettext("%(amount)d a month", amount=n),
            "year": lambda n: gettext("%(amount)d a year", amount=n)}
EVERY_UNITS = {
    "second": lambda n, m: gettext("%(amount)d every %(count)d seconds", amount=n, count=m),
    "minute": lambda n, m: gettext("%(amount)d every %(count)d minutes", amount=n, count=m),
    "hour": lambda n, m: gettext("%(amount)d every %(count)d hours", amount=n, count=m),
    "day": lambda n, m: gettext("%(amount)d every %(count)d days", amount=n, count=m),
    "month": lambda n, m: gettext("%(amount)d every %(count)d months", amount=n, count=m),
    "year": lambda n, m: gettext("%(amount)d every %(count)d years", amount=n, count=m),
}


def translated_words(rule: str) -> str:
    """_words in the reader's language: '5 por minuto, 20 por hora'."""
    parts = []
    for item in _items(rule):
        unit = item.GRANULARITY.name
        if unit not in PER_UNIT:
            return _words(rule)
        if item.multiples == 1:
            parts.append(PER_UNIT[unit](item.amount))
        else:
            parts.append(EVERY_UNITS[unit](item.amount, item.multiples))
    return ", ".join(parts)


def attempt_limit() -> str:
    return current_app.config.get("SUBMISSION_ATTEMPT_LIMIT") or DEFAULT_ATTEMPT_LIMIT


def _active() -> bool:
    return bool(limiter.enabled and limiter.initialized)


def _identifiers(scope: str) -> list[str]:
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX") or ""
    return [part for part in (prefix, get_remote_address(), scope) if part]


def _items(rule: str) -> list[RateLimitItem]:
    return parse_many(rule)


def _words(rule: str) -> str:
    """'5 per minute; 20 per hour' as people say it: '5 a minute, 20 an hour'."""
    parts = []
    for item in _items(rule):
        unit = item.GRANULARITY.name
        if item.multiples == 1:
            parts.append(f"{item.amount} {'an' if unit == 'hour' else 'a'} {unit}")
        else:
            parts.append(f"{item.amount} every {item.multiples} {unit}s")
    return ", ".join(parts)


def _wait(item: RateLimitItem, identifiers: list[str]) -> int:
    reset = limiter.limiter.get_window_stats(item, *identifiers).reset_time
    return max(1, math.ceil(reset - time.time()))


def _over(rule: str, scope: str, spend: bool) -> OverLimit | None:
    identifiers = _identifiers(scope)
    for item in _items(rule):
        check = limiter.limiter.hit if spend else limiter.limiter.test
        if not check(item, *identifiers):
            return OverLimit(_wait(item, identifiers), _words(rule), rule)
    return None


def spend_attempt() -> OverLimit | None:
    """Count one attempt to send; say how long to wait when the attempts budget is used up."""
    return _over(attempt_limit(), ATTEMPTS, spend=True) if _active() else None


def stored_over_limit() -> OverLimit | None:
    """None while the address may store another submission; otherwise how long to wait."""
    return _over(submission_rate_limit(), STORED, spend=False) if _active() else None


def count_stored() -> None:
    """Count a submission that was stored (once the database has it)."""
    if _active():
        identifiers = _identifiers(STORED)
        for item in _items(submission_rate_limit()):
            limiter.limiter.hit(item, *identifiers)
