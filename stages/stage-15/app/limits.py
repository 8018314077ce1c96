"""Who a request counts against, and how much each kind of request may be sent, for the rate limiter."""

from flask import current_app
from flask_jwt_extended import get_jwt_identity, verify_jwt_in_request
from flask_jwt_extended.exceptions import JWTExtendedException
from flask_limiter.util import get_remote_address
from jwt.exceptions import PyJWTError


def user_or_address():
    """The budget a request spends: its user's when it carries a valid access token, else its address's."""
    # The limiter runs before any view, so before @jwt_required has read the token: read it here, optionally.
    try:
        verify_jwt_in_request(optional=True)
        identity = get_jwt_identity()
    except (JWTExtendedException, PyJWTError):
        # A bad or expired token is the view's to refuse (401); here it only means "no known user".
        identity = None
    if identity is not None:
        return f"user:{identity}"
    return f"address:{get_remote_address()}"


def api_limit():
    """The limit every API route has unless it says otherwise, read from the app's settings at request time."""
    return current_app.config["API_RATE_LIMIT"]


def login_limit():
    """The stricter limit on logging in, where every guess at a password counts."""
    return current_app.config["LOGIN_RATE_LIMIT"]


def job_status_limit():
    """The limit on asking about a job, generous enough for a client that polls a long job."""
    return current_app.config["JOB_STATUS_RATE_LIMIT"]


def check_storage(app, limiter):
    """Refuse to start when the configured storage cannot be reached, naming the setting to fix."""
    uri = app.config.get("RATELIMIT_STORAGE_URI", "memory://")
    if not app.config.get("RATELIMIT_ENABLED", True) or uri.startswith("memory://"):
        return
    try:
        reachable = limiter.storage.check()
    except Exception:  # noqa: BLE001 - any failure to reach it means the same thing here
        reachable = False
    if not reachable:
        raise RuntimeError(f"RATELIMIT_STORAGE_URI={uri} cannot be reached: start that server, or unset "
                           "RATELIMIT_STORAGE_URI to count requests in this process's memory.")
