"""The tables: bookmarks, and the accounts that own them."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db

URL_MAX = 2000
TITLE_MAX = 100
MEMBER, ADMIN = "member", "admin"


class Bookmark(db.Model):
    """One saved link: a row of the bookmarks table."""

    __tablename__ = "bookmarks"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(URL_MAX))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    notes: Mapped[str | None] = mapped_column(Text)
    # The database sets both on insert, and updated_at again on every UPDATE.
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), index=True)
    updated_at: Mapped[datetime] = mapped_column(
        server_default=func.now(), onupdate=func.now()
    )
    # The day the link was last opened. Nullable, so the revision that adds it
    # can run on a table that has rows: they start with no date.
    visited_on: Mapped[date | None] = mapped_column(Date)
    # --8<-- [start:owner]
    # The account that saved it. Nullable: the revision that adds the column runs
    # on a table that already has rows, and nobody can say whose those were.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id"), index=True
    )
    # --8<-- [end:owner]


class User(db.Model):
    """An account. It keeps a hash of the password, never the password."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default=MEMBER)
    joined_at: Mapped[datetime] = mapped_column(server_default=func.now())

    @property
    def password(self):
        """Write-only: there is nothing to read back."""
        raise AttributeError("Only a hash of the password is kept.")

    @password.setter
    def password(self, plain):
        # Salted and slow on purpose (scrypt); the result records method and salt.
        self.password_hash = generate_password_hash(plain)

    def verify_password(self, plain):
        """Whether plain is the password that was hashed."""
        return check_password_hash(self.password_hash, plain)
