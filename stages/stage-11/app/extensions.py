"""Extension objects, made without an app: create_app() binds each one to every app it builds (init_app)."""

from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_marshmallow import Marshmallow
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

from .limits import api_limit, user_or_address

db = SQLAlchemy()
ma = Marshmallow()
jwt = JWTManager()
migrate = Migrate()

# TODO: A Limiter keyed by user_or_address, default limit api_limit, headers on, fixed window.
limiter = Limiter(key_func=user_or_address)
