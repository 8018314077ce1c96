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
    # --8<-- [start:todo-upgrade] Batch on tasks: add user_id (Integer, nullable), an index, a named FK to users.id.
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_tasks_user_id'), ['user_id'], unique=False)
        batch_op.create_foreign_key('fk_tasks_user_id_users', 'users', ['user_id'], ['id'])
    # --8<-- [end:todo-upgrade] stub: pass


def downgrade():
    # --8<-- [start:todo-downgrade] Batch on tasks: drop the FK, the index, then the column (the reverse order).
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_constraint('fk_tasks_user_id_users', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_tasks_user_id'))
        batch_op.drop_column('user_id')
    # --8<-- [end:todo-downgrade] stub: pass
