"""The bookmarks table, as a class."""

from datetime import datetime

from sqlalchemy import String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db

URL_MAX = 2000
TITLE_MAX = 100


# --8<-- [start:bookmark]
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

    def to_dict(self):
        """The bookmark as JSON-ready data; timestamps as ISO 8601 strings."""
        data = {"id": self.id, "url": self.url,
                "title": self.title, "notes": self.notes}
        data["created_at"] = self.created_at.isoformat()
        data["updated_at"] = self.updated_at.isoformat()
        return data
# --8<-- [end:bookmark]
