"""The bookmarks API as a package: create_app() assembles a new app on every call."""

from pathlib import Path

from apiflask import APIFlask
from werkzeug.middleware.proxy_fix import ProxyFix

from .auth import auth_bp
from .bookmarks import bookmarks_bp
from .commands import init_db_command
from .config import config_for
from .errors import register_error_handlers, register_token_handlers
from .extensions import db, jwt, ma, migrate
from .openapi import configure_openapi, error_envelope, promised_answers, swagger_ui_bp
from .security import add_security_headers

# migrations/ sits next to this package. An absolute path: `flask db ...` finds it
# from any working directory (a relative one is looked up in the current one).
MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"


def create_app(config_name="development"):
    """A new bookmarks app for "development" (default), "testing" or "production"."""
    # --8<-- [start:apiflask]
    app = APIFlask(
        __name__,
        title="Bookmarks API",
        version="2.0",
        spec_path="/openapi.json",  # the document
        docs_path="/docs",  # the page that shows it
    )
    # --8<-- [end:apiflask]
    app.config.from_object(config_for(config_name))
    configure_openapi(app)
    hops = app.config["PROXY_COUNT"]
    if hops > 0:
        # Believe the last `hops` values of each header, the ones our proxies added.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops
        )

    db.init_app(app)
    # After db: Flask-Marshmallow finds Flask-SQLAlchemy and lends its session to
    # the SQLAlchemy schemas.
    ma.init_app(app)
    jwt.init_app(app)
    # Binds Alembic to db's engine and metadata, and adds the `flask db` commands.
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    # --8<-- [start:error-order]
    # The order matters. error_processor() registers a handler for every
    # Werkzeug HTTPException, one that keeps the code but not the description.
    # Registered after it, our own handler replaces that one, and abort(404,
    # description=...) keeps its words. APIFlask's 422 is not a Werkzeug
    # exception: it still goes to error_envelope.
    app.error_processor(error_envelope)
    register_error_handlers(app)
    # --8<-- [end:error-order]
    register_token_handlers(jwt)
    app.spec_processor(promised_answers)
    app.register_blueprint(bookmarks_bp, url_prefix="/api/bookmarks")
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(swagger_ui_bp, url_prefix="/docs/ui")
    # --8<-- [start:after-request]
    # after_request, not a decorator on each view: it also runs for the answers
    # of error handlers (401, 404, 422, 500), which need the headers as much.
    app.after_request(add_security_headers)
    # --8<-- [end:after-request]
    app.cli.add_command(init_db_command)

    @app.get("/health")
    @app.doc(summary="Is this process up?", tags=["Monitoring"])
    def health():
        """A cheap answer for monitors and load balancers: this process is up."""
        return {"status": "ok"}

    # No create_all() any more: `flask db upgrade` makes and changes the tables.
    return app
