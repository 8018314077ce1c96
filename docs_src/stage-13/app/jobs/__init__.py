"""The jobs feature: where a client follows a background job it started."""

from .routes import jobs_bp

__all__ = ["jobs_bp"]
