"""The accounts feature: one blueprint for registering, logging in and refreshing tokens."""

from .routes import auth_bp

__all__ = ["auth_bp"]
