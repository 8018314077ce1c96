"""/auth: register, log in, refresh a token, and (admins only) list the accounts."""

from flask import Blueprint, abort, current_app, request
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    get_jwt_identity,
    jwt_required,
)
from flask_limiter.util import get_remote_address
from marshmallow import ValidationError
from sqlalchemy.exc import IntegrityError

from ..extensions import db, limiter
from ..limiting import sign_in_limit, sign_up_limit
from ..models import User
from ..responses import success_response
from .decorators import admin_required
from .schemas import LoginSchema, RegisterSchema, UserSchema

auth_bp = Blueprint("auth", __name__)
user_schema = UserSchema()
users_schema = UserSchema(many=True)


def read_body(schema):
    """The body, loaded by schema; 400 saying what is missing or wrong."""
    if not request.is_json:
        abort(415, description="Send JSON with Content-Type: application/json.")
    try:
        return schema.load(request.get_json())
    except ValidationError as err:
        problems = err.normalized_messages().items()
        text = " ".join(f"{name}: {' '.join(why)}" for name, why in sorted(problems))
        abort(400, description=text)


# --8<-- [start:sign-up-limit]
@auth_bp.post("/register")
# override_defaults=False: this limit and the default both apply.
@limiter.limit(sign_up_limit, override_defaults=False)
def register():
    """Open an account; the role is always the model's default, member."""
    # --8<-- [end:sign-up-limit]
    data = read_body(RegisterSchema())
    if db.session.scalar(db.select(User).filter_by(email=data["email"])):
        abort(409, description="There is already an account with this email.")
    account = User(email=data["email"], password=data["password"])
    db.session.add(account)
    try:
        db.session.commit()
    except IntegrityError:  # registered by someone else a moment ago
        db.session.rollback()
        abort(409, description="There is already an account with this email.")
    return success_response(user_schema.dump(account), 201)


def access_token_for(account):
    """An access token: the subject is the id as a string, plus a role claim."""
    claims = {"role": account.role}
    return create_access_token(identity=str(account.id), additional_claims=claims)


def token_response(access_token, refresh_token=None):
    """The OAuth 2.0 token answer (RFC 6749, section 5.1), outside the envelope."""
    lifetime = current_app.config["JWT_ACCESS_TOKEN_EXPIRES"]
    body = {
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": int(lifetime.total_seconds()),
    }
    if refresh_token is not None:
        body["refresh_token"] = refresh_token
    # Tokens are credentials: no cache on the way may keep a copy.
    return body, 200, {"Cache-Control": "no-store"}


# --8<-- [start:sign-in-limit]
@auth_bp.post("/login")
# Under the route decorator, so that the view Flask registers is the limited one.
# Per address: someone guessing passwords has no token, and may try many emails.
@limiter.limit(sign_in_limit, key_func=get_remote_address)
def login():
    """An email and password in, an access token and a refresh token out."""
    # --8<-- [end:sign-in-limit]
    data = read_body(LoginSchema())
    account = db.session.scalar(db.select(User).filter_by(email=data["email"]))
    # The same 401 for an unknown email and a wrong password: nobody can probe
    # this route for the addresses that have an account.
    if account is None or not account.verify_password(data["password"]):
        abort(401, description="Wrong email or password.")
    refresh_token = create_refresh_token(identity=str(account.id))
    return token_response(access_token_for(account), refresh_token)


@auth_bp.post("/refresh")
@jwt_required(refresh=True)  # a refresh token, and only a refresh token
def refresh():
    """A refresh token in, a new access token out, with the role the account has now."""
    account_id = int(get_jwt_identity())  # "sub" is a string: turn it back
    account = db.session.get(User, account_id)
    if account is None:
        abort(401, description="The account of this token no longer exists.")
    return token_response(access_token_for(account))


@auth_bp.get("/users")
@admin_required
def list_users():
    """Every account with its role: for admins only."""
    accounts = db.session.scalars(db.select(User).order_by(User.id)).all()
    return success_response(users_schema.dump(accounts))
