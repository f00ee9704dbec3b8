"""How many watch requests one connection and one email address may make (in the rate limiter's
storage, shared by every worker when it is Redis). The address is kept only as a hash there."""

from __future__ import annotations

from flask import current_app
from flask_limiter.util import get_remote_address

from registry.extensions import limiter
from registry.submissions.budget import OverLimit, _items, _wait, _words
from registry.watches.services import token_hash

PER_ADDRESS = "10 per hour; 30 per day"
PER_EMAIL = "3 per hour; 5 per day"


def _check(rule: str, identifiers: list[str]) -> OverLimit | None:
    for item in _items(rule):
        if not limiter.limiter.hit(item, *identifiers):
            return OverLimit(_wait(item, identifiers), _words(rule), rule)
    return None


def spend(email: str) -> OverLimit | None:
    """Count one watch request from this connection for this address; None while within both."""
    if not (limiter.enabled and limiter.initialized):
        return None
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX") or ""
    config = current_app.config
    by_address = [p for p in (prefix, get_remote_address(), "watch-requests") if p]
    by_email = [p for p in (prefix, token_hash(email)[:32], "watch-email") if p]
    return (_check(config.get("WATCH_ADDRESS_LIMIT") or PER_ADDRESS, by_address)
            or _check(config.get("WATCH_EMAIL_LIMIT") or PER_EMAIL, by_email))
