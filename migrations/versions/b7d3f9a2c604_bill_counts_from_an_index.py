"""bodies on record for each bill counted from an index

Revision ID: b7d3f9a2c604
Revises: a8c4e2f61d07
Create Date: 2026-12-03 18:55:00

/bills and GET /api/v1/bills count the distinct bodies on record for and against each bill. With
an index on bill_id alone every resolution of a bill was read from the table (0.3-0.6 s at 150,000
resolutions); with the stance and body in the index the counts come from the index alone. The new
index starts with bill_id, so the old one goes.
"""
from alembic import op

revision = "b7d3f9a2c604"
down_revision = "a8c4e2f61d07"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("resolutions", recreate="never") as batch_op:
        batch_op.create_index("ix_resolutions_bill_id_stance_body_id",
                              ["bill_id", "stance", "body_id"], unique=False)
        batch_op.drop_index("ix_resolutions_bill_id")


def downgrade():
    with op.batch_alter_table("resolutions", recreate="never") as batch_op:
        batch_op.create_index("ix_resolutions_bill_id", ["bill_id"], unique=False)
        batch_op.drop_index("ix_resolutions_bill_id_stance_body_id")
