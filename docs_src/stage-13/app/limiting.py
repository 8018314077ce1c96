"""Rate limiting: whose budget a request spends, and the limits the routes use."""

from flask import current_app
from flask_jwt_extended import get_jwt_identity, verify_jwt_in_request
from flask_jwt_extended.exceptions import JWTExtendedException
from flask_limiter.util import get_remote_address
from jwt.exceptions import PyJWTError


# --8<-- [start:client-key]
def client_key():
    """"account-<id>" for a request with a valid access token, else "ip-<address>"."""
    # The limiter decides before any view runs, so before @jwt_required or the
    # blueprint's check has read the token: read it here, and let it be missing.
    try:
        token = verify_jwt_in_request(optional=True)
    except (PyJWTError, JWTExtendedException):
        # Expired, forged, a refresh token...: the view refuses it with a 401.
        # For counting, the request has no account: its address pays.
        token = None
    if token is None:
        return f"ip-{get_remote_address()}"
    return f"account-{get_jwt_identity()}"
# --8<-- [end:client-key]


# --8<-- [start:limit-values]
def default_limit() -> str:
    """The limit of every route that sets none, from the current app's settings."""
    return current_app.config["DEFAULT_RATE_LIMIT"]


def sign_in_limit() -> str:
    """Logging in: each attempt is a guess at a password."""
    return current_app.config["SIGN_IN_RATE_LIMIT"]


def sign_up_limit() -> str:
    """Opening accounts: a few per address per day, on top of the default."""
    return current_app.config["SIGN_UP_RATE_LIMIT"]
# --8<-- [end:limit-values]


# --8<-- [start:storage-check]
def require_reachable_storage(app, limiter) -> None:
    """Stop create_app() when a shared store is configured but does not answer."""
    where = app.config["RATELIMIT_STORAGE_URI"]
    if not app.config["RATELIMIT_ENABLED"] or where.startswith("memory://"):
        return
    try:
        answered = limiter.storage.check()
    except Exception:  # noqa: BLE001 - a refused connection, a bad password...
        answered = False
    if not answered:
        raise RuntimeError(f"No rate-limit store answers at {where}.")
# --8<-- [end:storage-check]
