"""Extension objects, made without an app; the factory binds them to each new app."""

from flask_caching import Cache
from flask_jwt_extended import JWTManager
from flask_marshmallow import Marshmallow
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
ma = Marshmallow()
jwt = JWTManager()
migrate = Migrate()
# Knows no backend yet: init_app() builds the one each app's CACHE_TYPE names.
cache = Cache()
