"""The task API as a package: create_app() builds a new, fully configured app each time it is called."""

from pathlib import Path

from apiflask import APIFlask
from werkzeug.middleware.proxy_fix import ProxyFix

from .auth import auth_bp
from .celery_app import celery_init_app, celery_settings
from .commands import init_db_command
from .config import config_for
from .errors import register_error_handlers, register_token_error_handlers
from .extensions import cache, db, jwt, limiter, ma, migrate
from .limits import check_storage
from .security import add_security_headers
from .openapi import describe_answers, docs_assets_bp, docs_settings, envelope_error
from .tasks import tasks_bp

# The migrations folder sits next to the app package. An absolute path lets `flask db ...` find it whatever folder
# the command runs from; a relative one would be looked up in the current working directory.
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config_name="development", test_config=None):
    """Build an app for the named environment ("development", "testing", "production"), then apply test_config."""
    app = APIFlask(__name__, title="Task API", version="1.0", docs_path="/docs", spec_path="/openapi.json")
    app.config.from_object(config_for(config_name))
    if test_config is not None:
        # Last, so a test can switch on what its environment leaves off (the limiter, the cache) for one app.
        app.config.from_mapping(test_config)
    # After the environment's settings: DOCS_ASSETS="cdn" there keeps APIFlask's own CDN addresses.
    app.config.from_mapping(docs_settings(app.config.get("DOCS_ASSETS", "local") == "local"))
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:
        # Behind that many proxies, the client's address, the scheme and the host come from their X-Forwarded-*
        # headers: url_for(_external=True) then makes https://api.example.com/... instead of http://127.0.0.1:8000/.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS)
    # After db: Marshmallow looks for Flask-SQLAlchemy on the app to hand its session to the schemas.
    ma.init_app(app)
    jwt.init_app(app)
    limiter.init_app(app)
    check_storage(app, limiter)
    cache.init_app(app)
    app.config["CELERY"] = celery_settings(app)
    celery_init_app(app)
    # First: setting the error processor makes APIFlask handle every HTTP error again. The handlers registered
    # after it (register_error_handlers) then win, and keep the messages given to abort().
    app.error_processor(envelope_error)
    app.spec_processor(describe_answers)
    register_error_handlers(app)
    register_token_error_handlers(jwt)
    app.register_blueprint(tasks_bp, url_prefix="/api/tasks")
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(docs_assets_bp)
    # after_request runs for error answers too (404, 422, 500), which need the headers as much as any other.
    app.after_request(add_security_headers)
    app.cli.add_command(init_db_command)

    @limiter.exempt
    @app.get("/health")
    @app.doc(summary="Is the app up?", tags=["Health"])
    def health():
        """Tell a person, a monitor or a load balancer that the app is up."""
        return {"status": "ok"}

    # No db.create_all() here any more: `flask db upgrade` builds and changes the tables, from the migrations.
    return app
