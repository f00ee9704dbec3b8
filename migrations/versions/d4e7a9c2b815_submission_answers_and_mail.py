"""submitters answer "needs more information"; reviewers opt in to a daily digest

Revision ID: d4e7a9c2b815
Revises: c9d4a6b1e7f3
Create Date: 2026-12-03 16:00:00

A submitter answers a reviewer's question on the tracking page (text, optionally a PDF): the answer
is kept with the submission, which returns to the queue marked as answered (`answered_at`).
Asking for more information is no longer a decision: `decided_at` is cleared where it was set.
Reviewers may ask for a daily email digest of the queue (`mail_digest`, `digest_sent_on`).
"""
import sqlalchemy as sa
from alembic import op

revision = "d4e7a9c2b815"
down_revision = "c9d4a6b1e7f3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "submission_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("document_sha256", sa.String(length=64), nullable=True),
        sa.Column("document_name", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE",
                                name=op.f("fk_submission_answers_submission_id_submissions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_answers")),
    )
    with op.batch_alter_table("submission_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submission_answers_submission_id"), ["submission_id"],
                              unique=False)
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answered_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mail_digest", sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column("digest_sent_on", sa.Date(), nullable=True))
    op.execute("UPDATE submissions SET decided_at = NULL WHERE status = 'needs_info'")


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("digest_sent_on")
        batch_op.drop_column("mail_digest")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("answered_at")
    with op.batch_alter_table("submission_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_answers_submission_id"))
    op.drop_table("submission_answers")
