"""Settings for each environment, as classes, and the names create_app() knows them by."""

import os
from datetime import timedelta


class Config:
    """Settings every environment shares; each environment's class changes only what differs."""

    TESTING = False
    DEBUG = False
    # Good enough on your own machine; production replaces it with a real secret from the environment.
    SECRET_KEY = "dev-only-key-never-use-it-in-production"
    # Signs the tokens. HS256 wants a key of at least 32 bytes: PyJWT warns about a shorter one.
    JWT_SECRET_KEY = "dev-only-jwt-key-never-use-it-in-production"
    # How long a token is accepted after it is issued; refreshing gets a new access token, logging in a new pair.
    JWT_ACCESS_TOKEN_EXPIRES = timedelta(hours=1)
    JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=7)
    # How many proxies in front of the app may be believed about the client (X-Forwarded-For), the scheme
    # (X-Forwarded-Proto) and the host (X-Forwarded-Host). None here: on your own machine and in tests, anyone could
    # send those headers, so the factory leaves them alone. Only production reads a number from the environment.
    TRUSTED_PROXIES = 0
    # Whether flask init-db may seed accounts with a published password: only on your own machine and in tests.
    # A setting, not app.debug: the flask command sets debug from FLASK_DEBUG, whatever the configuration says.
    SEED_ALLOWED = False

    RATELIMIT_ENABLED = True

    @property
    def RATELIMIT_STORAGE_URI(self):
        """Where the counts live: this process's memory unless the environment names a shared store (Redis)."""
        # memory:// counts per process: under gunicorn with 3 workers a client gets 3 budgets. Redis shares one.
        return os.environ.get("RATELIMIT_STORAGE_URI") or "memory://"

    # Any request to the API (tasks, register, refresh) unless its route says otherwise.
    API_RATE_LIMIT = "100 per hour;20 per minute"
    # Each login is a guess at a password: few per address, whatever the default allows.
    LOGIN_RATE_LIMIT = "5 per minute"
    # Asking how a background job is doing: clients poll, so more often than the default allows.
    JOB_STATUS_RATE_LIMIT = "120 per minute"

    @property
    def CACHE_TYPE(self):
        """The backend: this process's memory unless the environment names another (FileSystemCache, RedisCache)."""
        # SimpleCache lives in one process: with several gunicorn workers, a write forgets the cached answers of
        # the worker that served it only. FileSystemCache (one machine) or RedisCache (any number) share them.
        return os.environ.get("CACHE_TYPE") or "SimpleCache"

    @property
    def CACHE_REDIS_URL(self):
        """Where RedisCache connects."""
        return os.environ.get("CACHE_REDIS_URL") or "redis://localhost:6379/1"

    @property
    def CACHE_DIR(self):
        """Where FileSystemCache keeps its files: the instance folder's cache/ unless the environment says."""
        # Absolute: Flask-Caching would read a relative folder from wherever the command was started.
        project = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        return os.environ.get("CACHE_DIR") or os.path.join(project, "instance", "cache")

    # Seconds an answer may be served from the cache; writes forget answers at once anyway.
    CACHE_DEFAULT_TIMEOUT = 60

    @property
    def CELERY_BROKER_URL(self):
        """Where jobs wait for a worker: Redis or RabbitMQ from the environment, else None (a SQLite file)."""
        return os.environ.get("CELERY_BROKER_URL")

    @property
    def CELERY_RESULT_BACKEND(self):
        """Where workers leave each job's state and result, else None (a SQLite file)."""
        return os.environ.get("CELERY_RESULT_BACKEND")

    # Not eager: .delay() hands the job to the broker, and a worker process runs it.
    CELERY_TASK_ALWAYS_EAGER = False
    # How long process_task pretends to work, so that you can watch a job go from PENDING to SUCCESS.
    JOB_DELAY_SECONDS = 3
    # Where confirmation messages are written; None means outbox.jsonl in the instance folder.
    OUTBOX_PATH = None

    @property
    def DOCS_ASSETS(self):
        """Where the docs page loads Swagger UI from: "local" (this app, works offline) or "cdn"."""
        return os.environ.get("DOCS_ASSETS") or "local"


class DevelopmentConfig(Config):
    """Your own machine: debug mode, and a SQLite file in the instance folder unless DEV_DATABASE_URL is set."""

    DEBUG = True
    SEED_ALLOWED = True

    @property
    def SQLALCHEMY_DATABASE_URI(self):
        """Read when create_app() runs, not when this file is imported, so each new app sees the environment now."""
        # A relative SQLite path: Flask-SQLAlchemy keeps the file in the instance folder and creates that folder.
        return os.environ.get("DEV_DATABASE_URL") or "sqlite:///tasks_dev.db"


class TestingConfig(Config):
    """Automated tests: every app gets its own empty database in memory, gone when the app is."""

    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite:///:memory:"
    SEED_ALLOWED = True
    # Fixed, so tests can make tokens of their own; never used outside tests.
    JWT_SECRET_KEY = "testing-only-jwt-key-of-at-least-32-bytes"
    RATELIMIT_ENABLED = False
    CACHE_TYPE = "NullCache"
    # NullCache is chosen on purpose here: no need for Flask-Caching's warning that caching is off.
    CACHE_NO_NULL_WARNING = True
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_RESULT_BACKEND = "cache+memory://"
    JOB_DELAY_SECONDS = 0


def required_setting(name):
    """The environment variable's value; RuntimeError, naming the variable, when it is missing or empty."""
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: the production configuration reads it from the environment "
                           "and refuses to start without it.")
    return value


def strong_secret(name):
    """The secret in the environment variable, refused when it is short or is one of this file's sample keys."""
    value = required_setting(name)
    # TODO: RuntimeError naming the variable if under 32 characters or a sample key.
    pass
    return value


class ProductionConfig(Config):
    """A real deployment: the secret keys and the database address come from the environment, with no defaults."""

    @property
    def SECRET_KEY(self):
        """The key that signs whatever the app hands out; without a real one, refuse to start."""
        return strong_secret("SECRET_KEY")

    @property
    def JWT_SECRET_KEY(self):
        """The key that signs the tokens: anyone who knows it can log in as anyone, so it never has a default."""
        return strong_secret("JWT_SECRET_KEY")

    @property
    def SQLALCHEMY_DATABASE_URI(self):
        """Where the production data lives."""
        return required_setting("DATABASE_URL")

    @property
    def TRUSTED_PROXIES(self):
        """How many proxies (nginx, a load balancer) stand in front of the app and set the X-Forwarded-* headers."""
        value = os.environ.get("TRUSTED_PROXIES", "0").strip()
        if not value.isdigit():
            raise RuntimeError(f"TRUSTED_PROXIES must be a whole number of proxies (0, 1, ...), not {value!r}.")
        # 0 by default: an app that faces clients directly must not believe headers any client can send.
        return int(value)


config_by_name = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name):
    """A settings object for the named environment; ValueError, listing the valid names, for any other name."""
    if name not in config_by_name:
        raise ValueError(f"Unknown configuration {name!r}: use one of {', '.join(config_by_name)}.")
    # An instance, not the class: its properties read the environment now.
    return config_by_name[name]()
