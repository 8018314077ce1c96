"""tasks belong to users: tasks.user_id

Revision ID: b7d2e4a91c35
Revises: fe1ba4ab83fd
Create Date: 2026-12-03 07:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d2e4a91c35'
down_revision = 'fe1ba4ab83fd'
branch_labels = None
depends_on = None


def upgrade():
    # Batch mode: SQLite cannot add a foreign key to an existing table, so Alembic copies the table with it.
    # Existing rows get NULL (no owner): the column must be nullable for a table that already has rows.
    # TODO: Batch on tasks: add user_id (Integer, nullable), an index, a named FK to users.id.
    pass


def downgrade():
    # TODO: Batch on tasks: drop the FK, the index, then the column (the reverse order).
    pass
