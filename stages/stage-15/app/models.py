"""The database tables, as classes: one Task row per task, one User row per account."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db

STATUSES = ("pending", "completed")
FIELDS = ("title", "description", "status", "due_date")
TITLE_MAX_LENGTH = 150
ROLES = ("user", "admin")


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
    # Nullable: the migration can add it to a table that already has rows, which simply have no due date.
    due_date: Mapped[date | None] = mapped_column(Date)
    # TODO: user_id: the owner, a foreign key to users.id, indexed, nullable.
    pass


class User(db.Model):
    """An account: who may log in, and with which role. The password itself is stored nowhere."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    email: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default="user")
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    def set_password(self, password):
        """Keep a salted, slow hash of the password, from which the password cannot be read back."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        """Whether password is the one whose hash is stored."""
        return check_password_hash(self.password_hash, password)
