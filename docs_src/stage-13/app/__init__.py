"""The bookmarks API as a package: create_app() assembles a new app on every call."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .auth import auth_bp
from .background import celery_init_app
from .bookmarks import bookmarks_bp
from .commands import init_db_command
from .config import config_for
from .errors import register_error_handlers, register_token_handlers
from .extensions import cache, db, jwt, limiter, ma, migrate
from .jobs import jobs_bp
from .limiting import require_reachable_storage

# migrations/ sits next to this package. An absolute path: `flask db ...` finds it
# from any working directory (a relative one is looked up in the current one).
MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"


# --8<-- [start:factory]
def create_app(config_name="development", test_config=None):
    """A new bookmarks app for "development" (default), "testing" or "production";
    test_config, a dict, overrides any setting for this one app."""
    app = Flask(__name__)
    app.config.from_object(config_for(config_name))
    if test_config:
        # Last, so that a test can turn on what its environment turns off.
        app.config.update(test_config)
    # --8<-- [end:factory]
    # --8<-- [start:proxy-fix]
    hops = app.config["PROXY_COUNT"]
    if hops > 0:
        # Believe the last `hops` values of each header, the ones our proxies added.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops
        )
    # --8<-- [end:proxy-fix]

    db.init_app(app)
    # After db: Flask-Marshmallow finds Flask-SQLAlchemy and lends its session to
    # the SQLAlchemy schemas.
    ma.init_app(app)
    jwt.init_app(app)
    # --8<-- [start:init-cache]
    # Reads CACHE_TYPE and the rest now, so it comes after the settings.
    cache.init_app(app)
    # --8<-- [end:init-cache]
    # Binds Alembic to db's engine and metadata, and adds the `flask db` commands.
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    # --8<-- [start:init-limiter]
    # After the settings are final: init_app() reads the RATELIMIT_* ones now.
    limiter.init_app(app)
    require_reachable_storage(app, limiter)
    # --8<-- [end:init-limiter]
    # --8<-- [start:init-celery]
    # Last of the extensions: the jobs use db, which must be bound first.
    celery_init_app(app)
    # --8<-- [end:init-celery]
    register_error_handlers(app)
    register_token_handlers(jwt)
    app.register_blueprint(bookmarks_bp, url_prefix="/api/bookmarks")
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(jobs_bp, url_prefix="/api/jobs")
    app.cli.add_command(init_db_command)

    # --8<-- [start:health]
    @app.get("/health")
    @limiter.exempt  # monitors call it all day; it costs nothing to answer
    def health():
        """A cheap answer for monitors and load balancers: this process is up."""
        return {"status": "ok"}
    # --8<-- [end:health]

    # No create_all() any more: `flask db upgrade` makes and changes the tables.
    return app
