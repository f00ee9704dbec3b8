"""Follow-through checks, allied organizations, evidence of adoption and action scope.

Adds the `checks` table; bodies gain organization_type, adoption_evidence, checked and
last_checked_on and members_year; resolutions gain adoption_evidence (existing rows: "report"); actions gain scope
(existing rows: "single_payer"). Revisions and submissions may now be about checks.

Revision ID: a7c3e9d1b2f4
Revises: f17a0ade5e5f
Create Date: 2026-12-03 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "a7c3e9d1b2f4"
down_revision = "f17a0ade5e5f"
branch_labels = None
depends_on = None

OLD_ENTITIES = "entity_type IN ('body', 'resolution', 'action', 'source', 'bill')"
NEW_ENTITIES = "entity_type IN ('body', 'resolution', 'action', 'source', 'bill', 'check')"
OLD_KINDS = "kind IN ('resolution', 'action', 'correction', 'dispute')"
NEW_KINDS = "kind IN ('resolution', 'action', 'correction', 'dispute', 'check')"


def upgrade():
    op.create_table(
        "checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("checked_by", sa.String(length=12), nullable=False),
        sa.Column("searched", sa.Text(), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("credited_to", sa.String(length=120), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("result IN ('nothing_found', 'actions_found')", name=op.f("ck_checks_result")),
        sa.CheckConstraint("checked_by IN ('researcher', 'reviewer', 'member', 'officer', 'staff', 'other')",
                           name=op.f("ck_checks_checked_by")),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], name=op.f("fk_checks_body_id_bodies"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checks")),
    )
    with op.batch_alter_table("checks", schema=None) as batch_op:
        batch_op.create_index("ix_checks_body_id_checked_on", ["body_id", "checked_on"], unique=False)
        batch_op.create_index("ix_checks_published_at_id", ["published_at", "id"], unique=False)

    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organization_type", sa.String(length=8), nullable=False,
                                      server_default="union"))
        batch_op.add_column(sa.Column("adoption_evidence", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("checked", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("last_checked_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("members_year", sa.Integer(), nullable=True))
        batch_op.create_check_constraint("members_year", "members_year BETWEEN 1800 AND 2200")
        batch_op.create_check_constraint("organization_type", "organization_type IN ('union', 'allied')")
        batch_op.create_check_constraint(
            "adoption_evidence", "adoption_evidence IN ('roster', 'report', 'record')")
        batch_op.create_index(batch_op.f("ix_bodies_organization_type"), ["organization_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_bodies_adoption_evidence"), ["adoption_evidence"], unique=False)
        batch_op.create_index(batch_op.f("ix_bodies_checked"), ["checked"], unique=False)
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.alter_column("organization_type", server_default=None)
        batch_op.alter_column("checked", server_default=None)

    with op.batch_alter_table("resolutions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("adoption_evidence", sa.String(length=8), nullable=False,
                                      server_default="report"))
        batch_op.create_check_constraint(
            "adoption_evidence", "adoption_evidence IN ('roster', 'report', 'record')")
    with op.batch_alter_table("resolutions", schema=None) as batch_op:
        batch_op.alter_column("adoption_evidence", server_default=None)

    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scope", sa.String(length=16), nullable=False,
                                      server_default="single_payer"))
        batch_op.create_check_constraint(
            "scope", "scope IN ('federal_bill', 'state_bill', 'single_payer', 'health_reform')")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.alter_column("scope", server_default=None)

    _replace_check("revisions", "entity_type", NEW_ENTITIES)
    _replace_check("submissions", "kind", NEW_KINDS)


def _replace_check(table, name, condition):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
        batch_op.create_check_constraint(name, condition)


def downgrade():
    _replace_check("submissions", "kind", OLD_KINDS)
    _replace_check("revisions", "entity_type", OLD_ENTITIES)
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_actions_scope"), type_="check")
        batch_op.drop_column("scope")
    with op.batch_alter_table("resolutions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_resolutions_adoption_evidence"), type_="check")
        batch_op.drop_column("adoption_evidence")
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bodies_checked"))
        batch_op.drop_index(batch_op.f("ix_bodies_adoption_evidence"))
        batch_op.drop_index(batch_op.f("ix_bodies_organization_type"))
        batch_op.drop_constraint(op.f("ck_bodies_adoption_evidence"), type_="check")
        batch_op.drop_constraint(op.f("ck_bodies_organization_type"), type_="check")
        batch_op.drop_constraint(op.f("ck_bodies_members_year"), type_="check")
        batch_op.drop_column("members_year")
        batch_op.drop_column("last_checked_on")
        batch_op.drop_column("checked")
        batch_op.drop_column("adoption_evidence")
        batch_op.drop_column("organization_type")
    with op.batch_alter_table("checks", schema=None) as batch_op:
        batch_op.drop_index("ix_checks_published_at_id")
        batch_op.drop_index("ix_checks_body_id_checked_on")
    op.drop_table("checks")
