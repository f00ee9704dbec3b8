"""reviewer session tokens: logout, a new password or deactivation ends every session

Revision ID: a7c41e2b9d10
Revises: b5d2e8c4a913
Create Date: 2026-12-03 10:00:00

Sessions name a reviewer by id and session token; replacing the token ends them all. Existing
accounts get a random token each, so sessions signed in before this migration end too.
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "a7c41e2b9d10"
down_revision = "b5d2e8c4a913"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("session_token", sa.String))
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(users.update().where(users.c.id == user_id)
                           .values(session_token=secrets.token_urlsafe(32)))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_token")
