"""Fixtures for every stage's checks: the student's app, loaded fresh for each check, with a test client."""

import importlib
import os
import sys
from pathlib import Path

import pytest
from flask import Flask, got_request_exception

from grader.plugin import AppImportError, CheckTimeout, student_frame, time_limit


def target_dir(config) -> Path:
    """The folder being graded."""
    return Path(config.getoption("target")).resolve()


def forget_target_modules(target: Path) -> None:
    """Drop every module imported from the target folder so the next import starts from scratch."""
    # The target goes on sys.path resolved, so its modules' __file__ start with it; comparing strings keeps this
    # cheap with the hundreds of library modules SQLAlchemy loads.
    prefix = str(target) + os.sep
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and file.startswith(prefix):
            del sys.modules[name]


def import_module(spec: str, target: Path):
    """Import the module named by the stage's spec ("module:..."), from scratch."""
    module_name = spec.partition(":")[0]
    forget_target_modules(target)
    if str(target) not in sys.path:
        sys.path.insert(0, str(target))
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise import_failure(exc, target) from None
        raise AppImportError(f"No {module_name}.py (or {module_name}/ package) was found in {target}.") from None
    except Exception as exc:
        raise import_failure(exc, target) from None


def build_app(module, spec: str, target: Path, config_name: str = "testing") -> Flask:
    """The app from an imported module: its `attr`, or the result of calling `factory(config_name)`."""
    module_name, _, attribute = spec.partition(":")
    factory = attribute.endswith("()")
    name = attribute.removesuffix("()")
    if not hasattr(module, name):
        raise AppImportError(f"{module_name} has no module-level `{name}`: the checks look for it by that name.")
    try:
        app = getattr(module, name)(config_name) if factory else getattr(module, name)
    except Exception as exc:
        raise import_failure(exc, target) from None
    if not isinstance(app, Flask):
        raise AppImportError(f"`{module_name}.{attribute}` is a {type(app).__name__}, not a Flask app.")
    return app


def load_app(spec: str, target: Path) -> Flask:
    """Import the student's app afresh as the stage's spec says ("module:attr" or "module:factory()")."""
    return build_app(import_module(spec, target), spec, target)


def import_failure(exc: BaseException, target: Path) -> AppImportError:
    """Describe why the app could not be imported, pointing at the student's file and line."""
    where = student_frame(exc, target)
    detail = exc.msg if isinstance(exc, SyntaxError) else str(exc)
    message = f"{type(exc).__name__}: {detail}"
    if where:
        return AppImportError(message, file=where[0], line=where[1], code=where[2])
    return AppImportError(message)


def pytest_collection_finish(session):
    """Import the app once before any check: if that fails, report it once instead of once per check."""
    config = session.config
    if not config.getoption("target"):
        return
    seconds = config.getoption("check_timeout")
    try:
        with time_limit(seconds):
            load_app(config.getoption("app_spec"), target_dir(config))
        return
    except CheckTimeout:
        failure = AppImportError(f"Importing the app took more than {seconds:g} seconds. Is app.run() or a loop "
                                 "running at import time? Keep app.run() under `if __name__ == \"__main__\":`.")
    except AppImportError as exc:
        failure = exc
    config._grader["error"] = {"message": failure.message, "file": failure.file, "line": failure.line,
                               "code": failure.code}
    for check in config._grader["checks"]:
        check["message"] = "Not run: the app could not be imported."
    pytest.exit("the app could not be imported", returncode=4)


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashing():
    """Make Werkzeug's password hashing cheap while checks run: the default scrypt cost takes ~0.1 s per hash,
    which would dominate the auth stages. Hashes stay real hashes (the cost is written into each one), so
    behaviour is unchanged; only the student's own runs keep the full cost."""
    import werkzeug.security as security

    defaults, iterations = security.generate_password_hash.__defaults__, security.DEFAULT_PBKDF2_ITERATIONS
    security.generate_password_hash.__defaults__ = ("scrypt:1024:8:1", defaults[1])
    security.DEFAULT_PBKDF2_ITERATIONS = 1000
    yield
    security.generate_password_hash.__defaults__, security.DEFAULT_PBKDF2_ITERATIONS = defaults, iterations


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch, tmp_path):
    """Point every database setting at a temporary file so the student's own data is never touched."""
    url = f"sqlite:///{tmp_path / 'check.db'}"
    for name in ("DATABASE_URL", "DEV_DATABASE_URL"):
        monkeypatch.setenv(name, url)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def app_module(request, isolated_environment):
    """The student's app module (or package), imported afresh."""
    return import_module(request.config.getoption("app_spec"), target_dir(request.config))


@pytest.fixture
def app(request, app_module):
    """The student's app, from the freshly imported module, so in-memory data starts as shipped."""
    config = request.config
    app = build_app(app_module, config.getoption("app_spec"), target_dir(config))
    remember_crashes(app, request.node)
    return app


def remember_crashes(app: Flask, item) -> None:
    """Keep the exceptions the app raises while answering, so a failed check can say where a 500 came from."""
    item.app_exceptions = []

    def record(sender, exception, **extra):
        """Flask calls this for every unhandled exception in a view."""
        item.app_exceptions.append(exception)

    got_request_exception.connect(record, app, weak=False)


@pytest.fixture
def fresh_app(request, isolated_environment):
    """A function that imports the student's app again from scratch, as a second process would."""
    config = request.config
    return lambda: load_app(config.getoption("app_spec"), target_dir(config))


@pytest.fixture
def runner(app):
    """A runner for the app's command-line commands."""
    return app.test_cli_runner()
