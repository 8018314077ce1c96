"""The auth routes written another way: one helper reads the body, duplicates are found in one query, the email
is checked before the username, and the messages are worded differently. Same contract as the reference."""

from flask import Blueprint, jsonify, request
from flask_jwt_extended import create_access_token, create_refresh_token, get_jwt_identity, jwt_required
from sqlalchemy import or_

from ..extensions import db
from ..models import User
from ..responses import error_response, success_response

auth_bp = Blueprint("auth", __name__)


class BadInput(Exception):
    """The body is not what the route needs."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


@auth_bp.errorhandler(BadInput)
def bad_input(exc):
    return error_response(exc.message, exc.status)


def read_body(*names):
    body = request.get_json(silent=True)
    if not request.is_json:
        raise BadInput(415, "JSON only, please.")
    if not isinstance(body, dict):
        raise BadInput(400, "The body must be a JSON object.")
    values = {}
    for name in names:
        value = body.get(name)
        if not isinstance(value, str) or value.strip() == "":
            raise BadInput(400, f"'{name}' is required.")
        values[name] = value
    return values


def tokens_for(user, with_refresh):
    claims = {"role": user.role}
    answer = {
        "token_type": "Bearer",
        "access_token": create_access_token(identity=str(user.id), additional_claims=claims),
        "expires_in": 15 * 60,
    }
    if with_refresh:
        answer["refresh_token"] = create_refresh_token(identity=str(user.id))
    response = jsonify(answer)
    response.headers["Cache-Control"] = "no-store"
    return response


@auth_bp.route("/register", methods=["POST"])
def register():
    values = read_body("username", "email", "password")
    clash = db.session.scalars(
        db.select(User).where(or_(User.email == values["email"], User.username == values["username"]))
    ).first()
    if clash is not None:
        taken = "email" if clash.email == values["email"] else "username"
        return error_response(f"This {taken} is in use.", 409)
    account = User(username=values["username"], email=values["email"], role="user")
    account.set_password(values["password"])
    db.session.add(account)
    db.session.commit()
    return success_response({"user_id": account.id, "username": account.username,
                             "message": "Account created."}, 201)


@auth_bp.route("/login", methods=["POST"])
def login():
    values = read_body("username", "password")
    account = db.session.scalars(db.select(User).filter_by(username=values["username"])).first()
    if account and account.check_password(values["password"]):
        return tokens_for(account, with_refresh=True)
    return error_response("Wrong credentials.", 401)


@auth_bp.route("/refresh", methods=["POST"])
@jwt_required(refresh=True)
def refresh():
    account = db.session.get(User, int(get_jwt_identity()))
    if account is None:
        return error_response("Unknown account.", 401)
    return tokens_for(account, with_refresh=False)
