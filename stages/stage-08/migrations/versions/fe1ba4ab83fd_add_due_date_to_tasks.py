"""add due_date to tasks

Revision ID: fe1ba4ab83fd
Revises: 106645e66b6c
Create Date: 2026-11-24 01:05:11.395962

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fe1ba4ab83fd'
down_revision = '106645e66b6c'
branch_labels = None
depends_on = None


def upgrade():
    # TODO: In batch mode on the tasks table, add the column due_date: sa.Date(), nullable.
    pass


def downgrade():
    # TODO: In batch mode on the tasks table, drop the column due_date (and nothing else).
    pass
