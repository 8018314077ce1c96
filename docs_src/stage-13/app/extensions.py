"""Extension objects, made without an app; the factory binds them to each new app."""

from flask_caching import Cache
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_marshmallow import Marshmallow
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

from .limiting import client_key, default_limit

db = SQLAlchemy()
ma = Marshmallow()
jwt = JWTManager()
migrate = Migrate()
# --8<-- [start:limiter]
# One limiter for every app the factory builds. What is given here holds for all
# of them; init_app() reads the rest (storage, on or off) from each app's config.
limiter = Limiter(
    key_func=client_key,
    default_limits=[default_limit],  # a function: read again on every request
    headers_enabled=True,  # X-RateLimit-* and Retry-After (off by default)
    strategy="moving-window",  # the algorithm, not who is counted
)
# --8<-- [end:limiter]

# --8<-- [start:cache]
# Knows no backend yet: init_app() builds the one each app's CACHE_TYPE names.
cache = Cache()
# --8<-- [end:cache]
