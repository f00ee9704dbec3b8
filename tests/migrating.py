"""Running the migrations down to a revision and back up to the head, inside a test."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade

from registry.database import db


def down_and_back_up(revision: str) -> None:
    """Downgrade to `revision`, then upgrade to the head whatever happened (the tests after this
    one need the schema). The session's work is committed first and the session closed."""
    db.session.commit()
    db.session.close()
    try:
        downgrade(revision=revision)
    finally:
        upgrade()
