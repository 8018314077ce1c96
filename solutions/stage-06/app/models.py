"""The database tables, as classes: one Task row per task."""

from datetime import datetime

from sqlalchemy import String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db

STATUSES = ("pending", "completed")
FIELDS = ("title", "description", "status")
TITLE_MAX_LENGTH = 150


# --8<-- [start:task]
class Task(db.Model):
    """A task: one row of the tasks table (what clients may send and see is up to the schema)."""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX_LENGTH))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    # The database fills these in (server_default), and sets updated_at again whenever the row changes (onupdate).
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
# --8<-- [end:task]
