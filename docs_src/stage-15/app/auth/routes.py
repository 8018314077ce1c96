"""/auth: register, log in, refresh a token, and (admins only) list the accounts."""

from apiflask import APIBlueprint
from flask import abort, current_app, request
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    get_jwt_identity,
    jwt_required,
)
from marshmallow import ValidationError
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import User
from .decorators import admin_required
from .schemas import LoginSchema, RegisterSchema, UserSchema

# --8<-- [start:blueprint]
# Tagged "Accounts" in the document. With Flask's Blueprint, /auth/* would be
# missing from it: APIFlask describes only its own kind of blueprint.
auth_bp = APIBlueprint("auth", __name__, tag="Accounts")
# --8<-- [end:blueprint]

TOKEN_ERRORS = {401: "No valid token"}


def read_body(schema, raw):
    """The body, loaded by schema; 415 unless JSON, 400 saying what is wrong."""
    if not request.is_json:
        abort(415, description="Send JSON with Content-Type: application/json.")
    try:
        return schema.load(raw)
    except ValidationError as err:
        problems = err.normalized_messages().items()
        text = " ".join(f"{name}: {' '.join(why)}" for name, why in sorted(problems))
        abort(400, description=text)


# --8<-- [start:register]
@auth_bp.post("/register")
# validation=False: the body is described in the document, but APIFlask hands it
# over unchecked, and read_body() keeps this route's 400 (not APIFlask's 422).
@auth_bp.input(RegisterSchema, validation=False)
@auth_bp.output(UserSchema, status_code=201, description="The new account")
@auth_bp.doc(
    summary="Open an account",
    responses={400: "A field is missing or wrong", 409: "The email is taken",
               415: "The body is not JSON"},
)
def register(json_data):
    """Open an account; the role is always the model's default, member."""
    data = read_body(RegisterSchema(), json_data)
# --8<-- [end:register]
    if db.session.scalar(db.select(User).filter_by(email=data["email"])):
        abort(409, description="There is already an account with this email.")
    account = User(email=data["email"], password=data["password"])
    db.session.add(account)
    try:
        db.session.commit()
    except IntegrityError:  # registered by someone else a moment ago
        db.session.rollback()
        abort(409, description="There is already an account with this email.")
    return {"status": "success", "data": account}


# --8<-- [start:claims]
def access_token_for(account):
    """An access token: the subject is the id as a string, plus a role claim."""
    claims = {"role": account.role}
    return create_access_token(identity=str(account.id), additional_claims=claims)
# --8<-- [end:claims]


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


# --8<-- [start:login]
# No @output: it would put the tokens inside the envelope. The spec processor
# describes this 200 (app/openapi.py).
@auth_bp.post("/login")
@auth_bp.input(LoginSchema, validation=False)
@auth_bp.doc(
    summary="Log in",
    responses={200: "The tokens, at the top level", 400: "A field is missing",
               401: "Wrong email or password", 415: "The body is not JSON"},
)
def login(json_data):
    """An email and password in, an access token and a refresh token out."""
# --8<-- [end:login]
    data = read_body(LoginSchema(), json_data)
    account = db.session.scalar(db.select(User).filter_by(email=data["email"]))
    # The same 401 for an unknown email and a wrong password: nobody can probe
    # this route for the addresses that have an account.
    if account is None or not account.verify_password(data["password"]):
        abort(401, description="Wrong email or password.")
    refresh_token = create_refresh_token(identity=str(account.id))
    return token_response(access_token_for(account), refresh_token)


@auth_bp.post("/refresh")
@jwt_required(refresh=True)  # a refresh token, and only a refresh token
@auth_bp.doc(
    summary="Get a new access token",
    description="Send the refresh_token of the login as the bearer token.",
    security="AccessToken",
    responses={200: "A new access token", **TOKEN_ERRORS},
)
def refresh():
    """A refresh token in, a new access token out, with the role the account has now."""
    account_id = int(get_jwt_identity())  # "sub" is a string: turn it back
    account = db.session.get(User, account_id)
    if account is None:
        abort(401, description="The account of this token no longer exists.")
    return token_response(access_token_for(account))


# --8<-- [start:users]
@auth_bp.get("/users")
@admin_required
@auth_bp.output(UserSchema(many=True))
@auth_bp.doc(
    summary="List the accounts (admins)",
    security="AccessToken",
    responses={**TOKEN_ERRORS, 403: "The token is not an admin's"},
)
def list_users():
    """Every account with its role: for admins only."""
    accounts = db.session.scalars(db.select(User).order_by(User.id)).all()
    return {"status": "success", "data": accounts}
# --8<-- [end:users]
