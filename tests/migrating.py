"""Running the migrations down to a revision and back up to the head, inside a test."""

from __future__ import annotations

from collections.abc import Callable

from flask_migrate import downgrade, upgrade

from registry.database import db


def down_and_back_up(revision: str, while_down: Callable[[], None] | None = None) -> None:
    """Downgrade to `revision` (calling `while_down` there, to look at the older schema), then
    upgrade to the head whatever happened (the tests after this one need the schema). The
    session's work is committed first and the session closed."""
    db.session.commit()
    db.session.close()
    try:
        downgrade(revision=revision)
        if while_down is not None:
            while_down()
            db.session.commit()
    finally:
        upgrade()
