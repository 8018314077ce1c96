"""One class of settings per environment, and the names create_app() accepts."""

import os
from datetime import timedelta


class Config:
    """What every environment shares; each subclass states only what differs."""

    TESTING = False
    DEBUG = False
    # Public, so fine on your machine only; production reads a real one.
    SECRET_KEY = "bookmarks-dev-key-known-to-everyone"
    # Signs the tokens (HS256): 32 bytes or more, or PyJWT warns. Also public.
    JWT_SECRET_KEY = "bookmarks-dev-jwt-key-known-to-everyone-too"
    # A short-lived access token, a long-lived refresh token.
    JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=30)
    JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=14)
    # Proxies whose X-Forwarded-* headers the app believes: none, unless production
    # is told how many stand in front of it.
    PROXY_COUNT = 0
    # --8<-- [start:cache-settings]
    # Answers kept in this process's memory: fine for one process (see below
    # for several). A kept answer is served for at most two minutes.
    CACHE_TYPE = "SimpleCache"
    CACHE_DEFAULT_TIMEOUT = 120
    # --8<-- [end:cache-settings]

    # --8<-- [start:limit-settings]
    RATELIMIT_ENABLED = True
    # Counted per account (with a token) or per address (without), see limiting.py.
    DEFAULT_RATE_LIMIT = "300 per hour;30 per minute"
    SIGN_IN_RATE_LIMIT = "3 per minute"
    SIGN_UP_RATE_LIMIT = "5 per day"

    @property
    def RATELIMIT_STORAGE_URI(self) -> str:
        """Where the counts live: this process's memory, unless a store is named."""
        # e.g. redis://localhost:6379/0, so that every worker spends the same budget.
        return os.environ.get("RATELIMIT_STORAGE_URI", "") or "memory://"
    # --8<-- [end:limit-settings]
    # --8<-- [start:celery-settings]

    @property
    def CELERY(self) -> dict:
        """Celery's settings, in Celery's own names; read when create_app() runs."""
        return {
            # Redis, say, from the environment. Unset (None): celery_init_app() puts
            # the queue and the results in SQLite files in the instance folder.
            "broker_url": os.environ.get("CELERY_BROKER_URL"),
            "result_backend": os.environ.get("CELERY_RESULT_BACKEND"),
            # GET /api/jobs/<id> reads each job's outcome, so it must be stored...
            "task_ignore_result": False,
            # ...with STARTED while a worker runs it, not only PENDING until done.
            "task_track_started": True,
            # ...and not forever: outcomes older than a day are cleaned up.
            "result_expires": timedelta(days=1),
            # Keep trying a broker that is not up yet when a worker starts.
            "broker_connection_retry_on_startup": True,
        }

    # Seconds check_link() pretends to work, so a job can be seen PENDING.
    CHECK_DELAY = 2.0
    # The JSON-lines file notices go to; None: notices.jsonl in the instance folder.
    NOTICES_FILE = None
    # --8<-- [end:celery-settings]


class DevelopmentConfig(Config):
    """Your own machine: debug mode and a SQLite file in the instance folder."""

    DEBUG = True

    @property
    def SQLALCHEMY_DATABASE_URI(self) -> str:
        """Looked up when create_app() reads the settings, not at import."""
        # A relative SQLite path ends up in the instance folder.
        return os.environ.get("DEV_DATABASE_URL", "sqlite:///bookmarks_dev.db")


class TestingConfig(Config):
    """Automated tests: each app gets a private, empty database in memory."""

    TESTING = True
    # "sqlite://" and "sqlite:///:memory:" both name an in-memory database.
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    # Fixed, so that a test can make (or forge) tokens of its own.
    JWT_SECRET_KEY = "bookmarks-testing-jwt-key-32-bytes-or-more"
    # --8<-- [start:testing-cache]
    # Each test sees what it has just written. A test that is about the cache
    # turns one on for its own app (create_app's test_config).
    CACHE_TYPE = "NullCache"
    CACHE_NO_NULL_WARNING = True  # off on purpose: no warning needed
    # --8<-- [end:testing-cache]
    # --8<-- [start:testing-off]
    RATELIMIT_ENABLED = False  # a test suite logs in far more often than a person
    # --8<-- [end:testing-off]
    # --8<-- [start:eager-settings]
    # No pause: a test that checks a link runs the job at once.
    CHECK_DELAY = 0

    @property
    def CELERY(self) -> dict:
        """No broker and no worker: each job runs inside .delay(), in the test."""
        return super().CELERY | {
            "task_always_eager": True,
            # Keep eager outcomes, where AsyncResult finds them, in this process.
            "task_store_eager_result": True,
            "result_backend": "cache+memory://",
        }
    # --8<-- [end:eager-settings]


def from_environment(name: str) -> str:
    """The variable's value; a RuntimeError that names it when it is unset or empty."""
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(f"Set {name}: production reads it from the environment.")
    return value


class ProductionConfig(Config):
    """A real server: secrets and addresses come from the environment, no defaults."""

    @property
    def SECRET_KEY(self) -> str:
        return from_environment("SECRET_KEY")

    @property
    def JWT_SECRET_KEY(self) -> str:
        # Whoever knows this key can sign a token for any account: never a default.
        return from_environment("JWT_SECRET_KEY")

    @property
    def SQLALCHEMY_DATABASE_URI(self) -> str:
        return from_environment("DATABASE_URL")

    # --8<-- [start:proxy-count]
    @property
    def PROXY_COUNT(self) -> int:
        """How many proxies set X-Forwarded-*: 0 (believe none) unless told."""
        hops = os.environ.get("PROXY_COUNT") or "0"
        try:
            count = int(hops)
        except ValueError:
            count = -1
        if count < 0:
            raise RuntimeError(f"PROXY_COUNT must be 0, 1, 2, ..., not {hops!r}.")
        return count
    # --8<-- [end:proxy-count]

    # --8<-- [start:production-cache]
    @property
    def CACHE_TYPE(self) -> str:
        """SimpleCache, unless the server names a shared one in CACHE_TYPE."""
        return os.environ.get("CACHE_TYPE", "SimpleCache")

    @property
    def CACHE_DIR(self) -> str:
        """The folder of FileSystemCache: one per machine, every worker's."""
        return os.environ.get("CACHE_DIR", "/var/cache/bookmarks")

    @property
    def CACHE_REDIS_URL(self) -> str:
        """The Redis database of RedisCache: one for every machine."""
        return os.environ.get("CACHE_REDIS_URL", "redis://localhost:6379/0")
    # --8<-- [end:production-cache]


config_by_name = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name: str) -> Config:
    """Settings for the named environment; ValueError for any other name."""
    try:
        settings_class = config_by_name[name]
    except KeyError:
        known = ", ".join(config_by_name)
        raise ValueError(f"No configuration named {name!r}; choose {known}.") from None
    # An instance, so that its properties run now, while the app is being built.
    return settings_class()
