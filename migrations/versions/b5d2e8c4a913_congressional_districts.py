"""Congressional districts, House terms and cosponsorships.

Seats of the current map, House terms, Medicare for All cosponsorships, ZIP areas per district,
the districts each body is (or may be) in, and a log of district data loads.

Another branch adds a7c3e9d1b2f4 after f17a0ade5e5f too; at merge one of the two is re-pointed.

Revision ID: b5d2e8c4a913
Revises: a7c3e9d1b2f4
Create Date: 2026-12-03 12:06:52.557327

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5d2e8c4a913'
down_revision = 'a7c3e9d1b2f4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('district_data_loads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loaded_at', sa.DateTime(), nullable=False),
    sa.Column('congress', sa.Integer(), nullable=False),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district_data_loads'))
    )
    op.create_table('districts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('congress', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('state', sa.String(length=2), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('latitude', sa.Double(), nullable=True),
    sa.Column('longitude', sa.Double(), nullable=True),
    sa.Column('zip_areas', sa.Integer(), nullable=False),
    sa.CheckConstraint('number BETWEEN 0 AND 99', name=op.f('ck_districts_number')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_districts')),
    sa.UniqueConstraint('congress', 'code', name=op.f('uq_districts_congress_code'))
    )
    with op.batch_alter_table('districts', schema=None) as batch_op:
        batch_op.create_index('ix_districts_state_number', ['state', 'number'], unique=False)

    op.create_table('house_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bioguide_id', sa.String(length=7), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('party', sa.String(length=40), nullable=True),
    sa.Column('state', sa.String(length=2), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_house_terms')),
    sa.UniqueConstraint('bioguide_id', 'state', 'number', 'start_on', name=op.f('uq_house_terms_bioguide_id_state_number_start_on'))
    )
    with op.batch_alter_table('house_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_house_terms_bioguide_id'), ['bioguide_id'], unique=False)
        batch_op.create_index('ix_house_terms_state_number_start_on', ['state', 'number', 'start_on'], unique=False)

    op.create_table('body_districts',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('certain', sa.Boolean(), nullable=False),
    sa.Column('basis', sa.String(length=12), nullable=False),
    sa.CheckConstraint("basis IN ('zip', 'city', 'coordinates')", name=op.f('ck_body_districts_basis')),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_body_districts_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_body_districts_district_id_districts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('body_id', 'district_id', name=op.f('pk_body_districts'))
    )
    with op.batch_alter_table('body_districts', schema=None) as batch_op:
        batch_op.create_index('ix_body_districts_district_id_certain', ['district_id', 'certain'], unique=False)

    op.create_table('cosponsorships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bill_id', sa.Integer(), nullable=False),
    sa.Column('congress', sa.Integer(), nullable=False),
    sa.Column('bioguide_id', sa.String(length=7), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('party', sa.String(length=2), nullable=True),
    sa.Column('state', sa.String(length=2), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('cosponsored_on', sa.Date(), nullable=False),
    sa.Column('original', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=2000), nullable=False),
    sa.ForeignKeyConstraint(['bill_id'], ['bills.id'], name=op.f('fk_cosponsorships_bill_id_bills'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cosponsorships')),
    sa.UniqueConstraint('bill_id', 'bioguide_id', name=op.f('uq_cosponsorships_bill_id_bioguide_id'))
    )
    with op.batch_alter_table('cosponsorships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cosponsorships_bill_id'), ['bill_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cosponsorships_bioguide_id'), ['bioguide_id'], unique=False)

    op.create_table('zip_districts',
    sa.Column('zcta', sa.String(length=5), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_zip_districts_district_id_districts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('zcta', 'district_id', name=op.f('pk_zip_districts'))
    )
    with op.batch_alter_table('zip_districts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zip_districts_district_id'), ['district_id'], unique=False)



def downgrade():
    with op.batch_alter_table('zip_districts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zip_districts_district_id'))

    op.drop_table('zip_districts')
    with op.batch_alter_table('cosponsorships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cosponsorships_bioguide_id'))
        batch_op.drop_index(batch_op.f('ix_cosponsorships_bill_id'))

    op.drop_table('cosponsorships')
    with op.batch_alter_table('body_districts', schema=None) as batch_op:
        batch_op.drop_index('ix_body_districts_district_id_certain')

    op.drop_table('body_districts')
    with op.batch_alter_table('house_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_house_terms_state_number_start_on')
        batch_op.drop_index(batch_op.f('ix_house_terms_bioguide_id'))

    op.drop_table('house_terms')
    with op.batch_alter_table('districts', schema=None) as batch_op:
        batch_op.drop_index('ix_districts_state_number')

    op.drop_table('districts')
    op.drop_table('district_data_loads')
