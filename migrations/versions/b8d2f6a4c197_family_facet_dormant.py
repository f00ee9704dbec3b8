"""the bill-family facet under the dormant filter read from an index alone

Revision ID: b8d2f6a4c197
Revises: a7e3c1f9b542
Create Date: 2026-12-04 19:10:00

With a bill-family filter set, that facet is counted under the other filters alone. Under the
dormant filter (last activity before a cutoff) the index on bill_families did not hold the
date, so PostgreSQL scanned the table (55 ms at 100,000 bodies, most of the first request after
a publication for /bodies?bill_family=general&dormant=true) and SQLite read each row. The
index now holds both (PostgreSQL 8.5 ms).
"""
from alembic import op

revision = "b8d2f6a4c197"
down_revision = "a7e3c1f9b542"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("bodies", recreate="never") as batch_op:
        batch_op.drop_index("ix_bodies_bill_families")
        batch_op.create_index("ix_bodies_bill_families", ["bill_families", "last_activity_on"], unique=False)


def downgrade():
    with op.batch_alter_table("bodies", recreate="never") as batch_op:
        batch_op.drop_index("ix_bodies_bill_families")
        batch_op.create_index("ix_bodies_bill_families", ["bill_families"], unique=False)
