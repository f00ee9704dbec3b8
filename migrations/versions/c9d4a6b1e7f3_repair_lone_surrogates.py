"""repair lone surrogates in stored submissions

Revision ID: c9d4a6b1e7f3
Revises: b3e8d5f0c2a4
Create Date: 2026-12-03 12:00:00

Before registry.textrules, the API stored a JSON payload holding an unpaired surrogate ("x\\ud800y")
with 201; the review queue, the decision page and the tracking page then failed to render it, and
PostgreSQL's payload::jsonb refused it. Each lone surrogate in a stored payload (keys and values)
becomes U+FFFD, the replacement character, so those submissions can be read and decided. No other
column can hold one: the databases refused them on insert.
"""
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "c9d4a6b1e7f3"
down_revision = "b3e8d5f0c2a4"
branch_labels = None
depends_on = None


def _text(value: str) -> str:
    return "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in value)


def cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dict):
        return {_text(key): cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [cleaned(item) for item in value]
    return value


def repair_payloads(connection) -> int:
    """Rewrite the payloads that hold a lone surrogate; returns how many."""
    submissions = sa.table("submissions", sa.column("id", sa.Integer), sa.column("payload", sa.JSON))
    repaired = 0
    for submission_id, payload in connection.execute(
            sa.select(submissions.c.id, submissions.c.payload)).all():
        fixed = cleaned(payload)
        if fixed != payload:
            connection.execute(submissions.update().where(submissions.c.id == submission_id)
                               .values(payload=fixed))
            repaired += 1
    return repaired


def upgrade():
    repair_payloads(op.get_bind())


def downgrade():
    pass  # the surrogates were never valid text: there is nothing to restore
