"""the organizer finder's box answered from the index alone under its filters too

Revision ID: d5e8b3f1a627
Revises: c4f7a2e9d851
Create Date: 2026-12-04 15:20:00

nearby() groups the bodies inside a box of latitude and longitude from an index holding their
position, precision and id. With a prospect, level or affiliation filter, each of the thousands
of bodies within 100 miles of a dense city cost a read of the table for the filter's columns
(on SQLite 16-20 ms of a 24-27 ms search in New York). The index now also holds every column
those filters read, so a filtered search is answered from it as well. It starts with the old
index's columns, which goes.
"""
from alembic import op

revision = "d5e8b3f1a627"
down_revision = "c4f7a2e9d851"
branch_labels = None
depends_on = None

COLUMNS = ["latitude", "longitude", "geocode_precision", "endorsing", "checked", "tier",
           "active_without_resolution", "last_activity_on", "level", "affiliation", "id"]


def upgrade():
    with op.batch_alter_table("bodies", recreate="never") as batch_op:
        batch_op.create_index("ix_bodies_organizer_box", COLUMNS, unique=False)
        batch_op.drop_index("ix_bodies_latitude_longitude_precision")


def downgrade():
    with op.batch_alter_table("bodies", recreate="never") as batch_op:
        batch_op.create_index("ix_bodies_latitude_longitude_precision",
                              ["latitude", "longitude", "geocode_precision", "id"], unique=False)
        batch_op.drop_index("ix_bodies_organizer_box")
