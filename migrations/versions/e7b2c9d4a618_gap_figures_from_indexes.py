"""gap figures and the gap page's years counted from indexes; resolutions newest first by date

Revision ID: e7b2c9d4a618
Revises: d9a4c7e2b513
Create Date: 2026-12-04 05:00:00

After each publication the home page, the map and the gap page count the whole registry again.
At 100,000 bodies those counts read every body's row (about 100 ms each) and tested every
resolution and action against the bodies of the page (about 800 ms). With the counted columns in
indexes they are read from the indexes alone. The bodies' new indexes start with organization_type
and with affiliation, and the actions' with occurred_on and id, so the indexes they extend go.
The home page's newest resolutions come in the order of an index on (adopted_on, id), which
replaces the one on adopted_on alone (PostgreSQL sorted every supporting resolution for six).
"""
from alembic import op

revision = "e7b2c9d4a618"
down_revision = "d9a4c7e2b513"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("bodies", recreate="never") as batch_op:
        batch_op.create_index("ix_bodies_gap_figures", ["organization_type", "state", "level", "endorsing",
                                                        "checked", "tier", "members"], unique=False)
        batch_op.drop_index("ix_bodies_organization_type")
        batch_op.create_index("ix_bodies_affiliation_gap_figures", ["affiliation", "organization_type", "endorsing",
                                                                    "checked", "tier", "members"], unique=False)
        batch_op.drop_index("ix_bodies_affiliation")
    with op.batch_alter_table("resolutions", recreate="never") as batch_op:
        batch_op.create_index("ix_resolutions_stance_adopted_on", ["stance", "adopted_on"], unique=False)
        batch_op.create_index("ix_resolutions_adopted_on_id", ["adopted_on", "id"], unique=False)
        batch_op.drop_index("ix_resolutions_adopted_on")
    with op.batch_alter_table("actions", recreate="never") as batch_op:
        batch_op.create_index("ix_actions_occurred_on_id_kind_scope", ["occurred_on", "id", "kind", "scope"],
                              unique=False)
        batch_op.drop_index("ix_actions_occurred_on_id")


def downgrade():
    with op.batch_alter_table("actions", recreate="never") as batch_op:
        batch_op.create_index("ix_actions_occurred_on_id", ["occurred_on", "id"], unique=False)
        batch_op.drop_index("ix_actions_occurred_on_id_kind_scope")
    with op.batch_alter_table("resolutions", recreate="never") as batch_op:
        batch_op.create_index("ix_resolutions_adopted_on", ["adopted_on"], unique=False)
        batch_op.drop_index("ix_resolutions_adopted_on_id")
        batch_op.drop_index("ix_resolutions_stance_adopted_on")
    with op.batch_alter_table("bodies", recreate="never") as batch_op:
        batch_op.create_index("ix_bodies_affiliation", ["affiliation"], unique=False)
        batch_op.drop_index("ix_bodies_affiliation_gap_figures")
        batch_op.create_index("ix_bodies_organization_type", ["organization_type"], unique=False)
        batch_op.drop_index("ix_bodies_gap_figures")
