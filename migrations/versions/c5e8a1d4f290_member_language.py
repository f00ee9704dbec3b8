"""the language each member used, for their emails

Revision ID: c5e8a1d4f290
Revises: b7d3f9a2c604
Create Date: 2026-12-03 23:00:00

A member who submits or follows a body in Spanish gets the registry's emails in Spanish. Rows from
before the site had a second language were all written in English. Columns are added and dropped
in place (SQLite 3.35 or later drops a column without rebuilding the table).
"""
import sqlalchemy as sa
from alembic import op

revision = "c5e8a1d4f290"
down_revision = "b7d3f9a2c604"
branch_labels = None
depends_on = None

TABLES = ("submissions", "watches")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, recreate="never") as batch_op:
            batch_op.add_column(sa.Column("language", sa.String(length=5), nullable=False,
                                          server_default="en"))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, recreate="never") as batch_op:
            batch_op.drop_column("language")
