"""Index bodies by state, geocode precision and name.

The organizer finder lists bodies placed only "somewhere in a state" apart, by name (the id
completes the order and lets PostgreSQL answer from the index alone).

Revision ID: f17a0ade5e5f
Revises: f1a2b3c4d5e6
Create Date: 2026-11-28 12:55:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "f17a0ade5e5f"
down_revision = "f1a2b3c4d5e6"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.create_index("ix_bodies_state_geocode_precision_name",
                              ["state", "geocode_precision", "name", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.drop_index("ix_bodies_state_geocode_precision_name")
