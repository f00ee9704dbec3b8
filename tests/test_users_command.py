"""`flask users create`: hashed passwords, clear errors, nothing half-written."""

from __future__ import annotations

from sqlalchemy import func, select

from registry.accounts.services import authenticate
from registry.database import db
from registry.models import User


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_creates_a_reviewer_with_a_hashed_password(runner):
    result = runner.invoke(args=["users", "create", "Reviewer@Example.org", "--role", "reviewer"],
                           input="correct horse battery\n")
    assert result.exit_code == 0, result.output
    assert "Created reviewer account reviewer@example.org" in result.output
    user = db.session.scalar(select(User))
    assert user.email == "reviewer@example.org" and user.role == "reviewer"
    assert "correct horse" not in user.password_hash
    assert authenticate("REVIEWER@example.org", "correct horse battery") == user
    assert authenticate("reviewer@example.org", "wrong password here") is None


def test_duplicate_email_is_refused(runner):
    runner.invoke(args=["users", "create", "a@example.org"], input="long enough password\n")
    result = runner.invoke(args=["users", "create", "a@example.org", "--role", "admin"],
                           input="another long password\n")
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert user_count() == 1


def test_short_password_and_bad_email_are_refused(runner):
    short = runner.invoke(args=["users", "create", "b@example.org"], input="short\n")
    assert short.exit_code == 1 and "password" in short.output
    bad = runner.invoke(args=["users", "create", "not-an-email"], input="long enough password\n")
    assert bad.exit_code == 1 and "EMAIL" in bad.output
    assert user_count() == 0


def test_unknown_role_is_refused(runner):
    result = runner.invoke(args=["users", "create", "c@example.org", "--role", "owner"],
                           input="long enough password\n")
    assert result.exit_code != 0 and "owner" in result.output
    assert user_count() == 0
