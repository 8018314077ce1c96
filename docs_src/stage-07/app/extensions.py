"""Extension objects, made without an app; the factory binds them to each new app."""

# --8<-- [start:extensions]
from flask_jwt_extended import JWTManager
from flask_marshmallow import Marshmallow
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
ma = Marshmallow()
jwt = JWTManager()
# --8<-- [end:extensions]
