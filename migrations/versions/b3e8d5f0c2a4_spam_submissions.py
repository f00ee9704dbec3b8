"""spam submissions: a filled honeypot is stored apart, so its tracking link works like any other

Revision ID: b3e8d5f0c2a4
Revises: a7c41e2b9d10
Create Date: 2026-12-03 11:00:00

Submissions caught by the forms' spam trap get the status `spam`: never in the review queue, shown
to their sender as pending, deleted by `flask submissions prune` after the retention period.
"""
from alembic import op

revision = "b3e8d5f0c2a4"
down_revision = "a7c41e2b9d10"
branch_labels = None
depends_on = None

WITH_SPAM = "status IN ('pending', 'published', 'rejected', 'needs_info', 'spam')"
WITHOUT_SPAM = "status IN ('pending', 'published', 'rejected', 'needs_info')"


def _status_check(condition: str) -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_submissions_status"), type_="check")
        batch_op.create_check_constraint("status", condition)


def upgrade():
    _status_check(WITH_SPAM)


def downgrade():
    op.execute("DELETE FROM submissions WHERE status = 'spam'")
    _status_check(WITHOUT_SPAM)
