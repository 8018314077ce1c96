"""The task API as a package: create_app() builds a new, fully configured app each time it is called."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .auth import auth_bp
from .commands import init_db_command
from .config import config_for
from .errors import register_error_handlers, register_token_error_handlers
from .extensions import db, jwt, ma, migrate
from .tasks import tasks_bp

# The migrations folder sits next to the app package. An absolute path lets `flask db ...` find it whatever folder
# the command runs from; a relative one would be looked up in the current working directory.
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config_name="development"):
    """Build an app for the named environment: "development" (the default), "testing" or "production"."""
    app = Flask(__name__)
    app.config.from_object(config_for(config_name))
    # TODO: TRUSTED_PROXIES > 0: wrap app.wsgi_app in ProxyFix (x_for, x_proto, x_host).
    pass

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS)
    # After db: Marshmallow looks for Flask-SQLAlchemy on the app to hand its session to the schemas.
    ma.init_app(app)
    jwt.init_app(app)
    register_error_handlers(app)
    register_token_error_handlers(jwt)
    app.register_blueprint(tasks_bp, url_prefix="/api/tasks")
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.cli.add_command(init_db_command)

    @app.get("/health")
    def health():
        """Tell a person, a monitor or a load balancer that the app is up."""
        return {"status": "ok"}

    # No db.create_all() here any more: `flask db upgrade` builds and changes the tables, from the migrations.
    return app
