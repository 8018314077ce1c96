"""Route decorators about who may call a view."""

from functools import wraps

from flask import abort
from flask_jwt_extended import get_jwt, verify_jwt_in_request

from ..models import ADMIN


def admin_required(view):
    """Let the view run only for an access token whose "role" claim is admin."""

    @wraps(view)
    def guarded(*args, **kwargs):
        verify_jwt_in_request()  # 401 (through the token handlers) without one
        claims = get_jwt()  # the token's payload, already checked
        if claims.get("role") != ADMIN:
            abort(403, description="This needs an admin account.")
        return view(*args, **kwargs)

    return guarded
