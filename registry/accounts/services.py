"""Reviewer accounts: creation with hashed passwords, and credential checks."""

from __future__ import annotations

import hmac
import re

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from registry.database import db
from registry.fields import NONCHARACTERS
from registry.models import User
from registry.textrules import text_problem
from registry.vocab import LENGTHS, USER_ROLES

MIN_PASSWORD_LENGTH = 12
# No @, control character or space (Python's \s spelled out, so the pattern means the same in
# the OpenAPI document, ECMA-262, as here), nor a noncharacter (registry.textrules; its validator
# refuses lone surrogates, which a pattern cannot name).
_NOT_AT_OR_SPACE = (r"[^@\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
                    rf"{NONCHARACTERS}]")
EMAIL = re.compile(rf"^{_NOT_AT_OR_SPACE}+@{_NOT_AT_OR_SPACE}+\.{_NOT_AT_OR_SPACE}+$")
# Compared against when the email is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AccountError(ValueError):
    """The account cannot be created; the message says which input is at fault."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(email: str, password: str, role: str) -> User:
    email = normalise_email(email)
    if text_problem(email) or not EMAIL.match(email) or len(email) > LENGTHS["email"]:
        raise AccountError(f"EMAIL: {email!r} is not a valid email address.")
    if role not in USER_ROLES:
        raise AccountError(f"--role: must be one of {', '.join(USER_ROLES)}.")
    check_password(password)
    if db.session.scalar(select(func.count()).select_from(User).where(User.email == email)):
        raise AccountError(f"EMAIL: an account for {email} already exists.")
    user = User(email=email, password_hash=generate_password_hash(password), role=role)
    db.session.add(user)
    db.session.flush()
    return user


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password: use at least {MIN_PASSWORD_LENGTH} characters.")


def get_user(email: str) -> User:
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise AccountError(f"EMAIL: there is no account for {normalise_email(email)}.")
    return user


def set_password(email: str, password: str) -> User:
    """A new password; every session signed in with the old one ends."""
    user = get_user(email)
    check_password(password)
    user.password_hash = generate_password_hash(password)
    user.end_sessions()
    return user


def set_active(email: str, active: bool) -> User:
    """(De)activate an account; either way its sessions end, so none outlives a deactivation."""
    user = get_user(email)
    user.active = active
    user.end_sessions()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None (without revealing which part failed)."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    return user


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the session stores "<user id>:<session token>" (User.get_id); a
    token replaced since (logout, new password, deactivation) no longer signs anyone in."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or len(user_id) > 10 or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or not user.session_token:
        return None
    return user if hmac.compare_digest(user.session_token, token) else None


def set_mail_digest(user: User, wanted: bool) -> None:
    """Opt the reviewer in to (or out of) the daily email digest of the review queue."""
    user.mail_digest = bool(wanted)
    db.session.flush()
