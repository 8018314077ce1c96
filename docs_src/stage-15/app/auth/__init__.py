"""Accounts and tokens: register, log in, refresh, and the admin's list of accounts."""

from .routes import auth_bp

__all__ = ["auth_bp"]
