"""covering index for the organizer finder's box of latitude and longitude

Revision ID: e4b7c2d9f615
Revises: d8f2a61c4b07
Create Date: 2026-12-03 16:10:00

nearby() reads the id, latitude and longitude of every body placed at a point inside a box around
the search. With (latitude, longitude) alone each row of the box's band of latitude cost a read
of the table for its precision; with the precision and id in the index the box is answered from
the index alone. The new index starts with the old one's columns, so the old one goes.
"""
from alembic import op

revision = "e4b7c2d9f615"
down_revision = "d8f2a61c4b07"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("bodies", recreate="never") as batch_op:
        batch_op.create_index("ix_bodies_latitude_longitude_precision",
                              ["latitude", "longitude", "geocode_precision", "id"], unique=False)
        batch_op.drop_index("ix_bodies_latitude_longitude")


def downgrade():
    with op.batch_alter_table("bodies", recreate="never") as batch_op:
        batch_op.create_index("ix_bodies_latitude_longitude", ["latitude", "longitude"], unique=False)
        batch_op.drop_index("ix_bodies_latitude_longitude_precision")
