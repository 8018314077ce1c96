"""Settings for each environment, as classes, and the names create_app() knows them by."""

import os


# --8<-- [start:base]
class Config:
    """Settings every environment shares; each environment's class changes only what differs."""

    TESTING = False
    DEBUG = False
    # Good enough on your own machine; production replaces it with a real secret from the environment.
    SECRET_KEY = "dev-only-key-never-use-it-in-production"
# --8<-- [end:base]


# --8<-- [start:development]
class DevelopmentConfig(Config):
    """Your own machine: debug mode, and a SQLite file in the instance folder unless DEV_DATABASE_URL is set."""

    DEBUG = True

    @property
    def SQLALCHEMY_DATABASE_URI(self):
        """Read when create_app() runs, not when this file is imported, so each new app sees the environment now."""
        # A relative SQLite path: Flask-SQLAlchemy keeps the file in the instance folder and creates that folder.
        return os.environ.get("DEV_DATABASE_URL") or "sqlite:///tasks_dev.db"
# --8<-- [end:development]


# --8<-- [start:testing]
class TestingConfig(Config):
    """Automated tests: every app gets its own empty database in memory, gone when the app is."""

    # --8<-- [start:todo-testing] Set TESTING = True and use an in-memory SQLite database, not the development one.
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite:///:memory:"
    # --8<-- [end:todo-testing] stub: SQLALCHEMY_DATABASE_URI = DevelopmentConfig.SQLALCHEMY_DATABASE_URI
# --8<-- [end:testing]


# --8<-- [start:production]
def required_setting(name):
    """The environment variable's value; RuntimeError, naming the variable, when it is missing or empty."""
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: the production configuration reads it from the environment "
                           "and refuses to start without it.")
    return value


class ProductionConfig(Config):
    """A real deployment: the secret key and the database address come from the environment, with no defaults."""

    # --8<-- [start:todo-production] Two properties: SECRET_KEY and SQLALCHEMY_DATABASE_URI, from required_setting().
    @property
    def SECRET_KEY(self):
        """The key that signs whatever the app hands out; without a real one, refuse to start."""
        return required_setting("SECRET_KEY")

    @property
    def SQLALCHEMY_DATABASE_URI(self):
        """Where the production data lives."""
        return required_setting("DATABASE_URL")
    # --8<-- [end:todo-production] stub: pass
# --8<-- [end:production]


# --8<-- [start:by-name]
config_by_name = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name):
    """A settings object for the named environment; ValueError, listing the valid names, for any other name."""
    # --8<-- [start:todo-unknown-config] An unknown name raises ValueError whose message lists the valid names.
    if name not in config_by_name:
        raise ValueError(f"Unknown configuration {name!r}: use one of {', '.join(config_by_name)}.")
    # --8<-- [end:todo-unknown-config] stub: name = name if name in config_by_name else "development"
    # An instance, not the class: its properties read the environment now.
    return config_by_name[name]()
# --8<-- [end:by-name]
