"""Extension objects, made without an app: create_app() binds each one to every app it builds (init_app)."""

from flask_caching import Cache
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
# Each app gets its own cache backend (CACHE_TYPE) when init_app() runs: this object only finds the right one.
cache = Cache()

# One object for every app: init_app() reads each app's RATELIMIT_* settings, but a few of them (headers, strategy)
# stay as the first app set them, so the ones that matter are given here, where they hold for all apps.
limiter = Limiter(key_func=user_or_address, default_limits=[api_limit], headers_enabled=True,
                  strategy="fixed-window")
