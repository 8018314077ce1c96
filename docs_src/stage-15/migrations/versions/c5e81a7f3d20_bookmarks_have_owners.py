"""bookmarks have owners: bookmarks.user_id

Revision ID: c5e81a7f3d20
Revises: 4188acceb2c9
Create Date: 2026-12-03 07:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "c5e81a7f3d20"
down_revision = "4188acceb2c9"
branch_labels = None
depends_on = None

OWNER_KEY = "fk_bookmarks_owner"


# --8<-- [start:upgrade]
def upgrade():
    # SQLite has no ALTER TABLE ... ADD CONSTRAINT. Batch mode makes a new
    # bookmarks table with the column and the key, copies the rows, swaps names.
    with op.batch_alter_table("bookmarks") as bookmarks:
        # The rows already there get NULL. nullable=False without a
        # server_default would stop the upgrade at the first of them.
        bookmarks.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        bookmarks.create_index("ix_bookmarks_user_id", ["user_id"])
        # Named: a later downgrade must say which constraint it drops.
        bookmarks.create_foreign_key(OWNER_KEY, "users", ["user_id"], ["id"])
# --8<-- [end:upgrade]


# --8<-- [start:downgrade]
def downgrade():
    # The reverse order: the key and the index depend on the column.
    with op.batch_alter_table("bookmarks") as bookmarks:
        bookmarks.drop_constraint(OWNER_KEY, type_="foreignkey")
        bookmarks.drop_index("ix_bookmarks_user_id")
        bookmarks.drop_column("user_id")
# --8<-- [end:downgrade]
