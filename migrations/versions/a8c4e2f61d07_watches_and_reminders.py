"""Members follow a body by email (double opt-in), with the reminders sent to them and the
addresses never to be written to again.

Revision ID: a8c4e2f61d07
Revises: e4b7c2d9f615
Create Date: 2026-12-03 16:45:00

"""
import sqlalchemy as sa
from alembic import op

revision = "a8c4e2f61d07"
down_revision = "e4b7c2d9f615"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("confirm_hash", sa.String(length=64), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("unsubscribed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], name=op.f("fk_watches_body_id_bodies"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watches")),
        sa.UniqueConstraint("body_id", "email", name="uq_watches_body_id_email"),
        sa.UniqueConstraint("confirm_hash", name=op.f("uq_watches_confirm_hash")),
    )
    with op.batch_alter_table("watches") as batch:
        batch.create_index(batch.f("ix_watches_body_id"), ["body_id"], unique=False)
        batch.create_index(batch.f("ix_watches_email"), ["email"], unique=False)
    op.create_table(
        "mail_stops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("reason", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_stops")),
        sa.UniqueConstraint("email", name=op.f("uq_mail_stops_email")),
    )
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["watch_id"], ["watches.id"],
                                name=op.f("fk_reminders_watch_id_watches"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("watch_id", "period", name="uq_reminders_watch_id_period"),
    )
    with op.batch_alter_table("reminders") as batch:
        batch.create_index(batch.f("ix_reminders_watch_id"), ["watch_id"], unique=False)


def downgrade():
    op.drop_table("reminders")
    op.drop_table("mail_stops")
    op.drop_table("watches")
