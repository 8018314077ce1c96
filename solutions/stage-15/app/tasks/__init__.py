"""The tasks feature: one blueprint holding every /api/tasks route."""

from .routes import tasks_bp

__all__ = ["tasks_bp"]
