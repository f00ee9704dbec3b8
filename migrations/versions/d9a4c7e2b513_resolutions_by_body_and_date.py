"""resolutions of the bodies in a state listed newest first from an index

Revision ID: d9a4c7e2b513
Revises: c5e8a1d4f290
Create Date: 2026-12-04 00:05:00

GET /api/v1/resolutions?state=CA reaches the state's bodies, then their resolutions in date order.
With an index on body_id alone each resolution's date was read from the table; with the date and
id in the index the page's order comes from the index alone. The new index starts with body_id,
so the old one goes.
"""
from alembic import op

revision = "d9a4c7e2b513"
down_revision = "c5e8a1d4f290"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("resolutions", recreate="never") as batch_op:
        batch_op.create_index("ix_resolutions_body_id_adopted_on_id",
                              ["body_id", "adopted_on", "id"], unique=False)
        batch_op.drop_index("ix_resolutions_body_id")


def downgrade():
    with op.batch_alter_table("resolutions", recreate="never") as batch_op:
        batch_op.create_index("ix_resolutions_body_id", ["body_id"], unique=False)
        batch_op.drop_index("ix_resolutions_body_id_adopted_on_id")
