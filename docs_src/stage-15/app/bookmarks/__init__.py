"""The bookmarks feature: one blueprint holding every /api/bookmarks route."""

from .routes import bookmarks_bp

__all__ = ["bookmarks_bp"]
