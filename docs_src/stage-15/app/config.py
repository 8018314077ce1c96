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
    # Whether `flask init-db` may create accounts with the published password.
    SAMPLE_DATA_ALLOWED = False

    # --8<-- [start:swagger-ui-from]
    @property
    def SWAGGER_UI_FROM(self) -> str:
        """Where the docs page loads Swagger UI from: "app" (offline) or "cdn"."""
        source = os.environ.get("SWAGGER_UI_FROM") or "app"
        if source not in ("app", "cdn"):
            raise RuntimeError(f'SWAGGER_UI_FROM is "app" or "cdn", not {source!r}.')
        return source
    # --8<-- [end:swagger-ui-from]


class DevelopmentConfig(Config):
    """Your own machine: debug mode and a SQLite file in the instance folder."""

    DEBUG = True
    SAMPLE_DATA_ALLOWED = True

    @property
    def SQLALCHEMY_DATABASE_URI(self) -> str:
        """Looked up when create_app() reads the settings, not at import."""
        # A relative SQLite path ends up in the instance folder.
        return os.environ.get("DEV_DATABASE_URL", "sqlite:///bookmarks_dev.db")


class TestingConfig(Config):
    """Automated tests: each app gets a private, empty database in memory."""

    TESTING = True
    SAMPLE_DATA_ALLOWED = True
    # "sqlite://" and "sqlite:///:memory:" both name an in-memory database.
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    # Fixed, so that a test can make (or forge) tokens of its own.
    JWT_SECRET_KEY = "bookmarks-testing-jwt-key-32-bytes-or-more"


def from_environment(name: str) -> str:
    """The variable's value; a RuntimeError that names it when it is unset or empty."""
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(f"Set {name}: production reads it from the environment.")
    return value


# --8<-- [start:strong-secret]
# The keys written in this file: anyone who has read it knows them.
PUBLISHED_KEYS = {
    Config.SECRET_KEY,
    Config.JWT_SECRET_KEY,
    TestingConfig.JWT_SECRET_KEY,
}
SHORTEST_SECRET = 32
MAKE_ONE = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


def secret_from_environment(name: str) -> str:
    """A secret from the environment that is long and not one of the samples."""
    value = from_environment(name)
    if value in PUBLISHED_KEYS:
        raise RuntimeError(f"{name} is a sample key of config.py; make one: {MAKE_ONE}")
    if len(value) < SHORTEST_SECRET:
        raise RuntimeError(
            f"{name} has {len(value)} characters, fewer than {SHORTEST_SECRET}; "
            f"make one: {MAKE_ONE}"
        )
    return value
# --8<-- [end:strong-secret]


class ProductionConfig(Config):
    """A real server: secrets and addresses come from the environment, no defaults."""

    @property
    def SECRET_KEY(self) -> str:
        return secret_from_environment("SECRET_KEY")

    @property
    def JWT_SECRET_KEY(self) -> str:
        # Whoever knows this key can sign a token for any account: never a default.
        return secret_from_environment("JWT_SECRET_KEY")

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
