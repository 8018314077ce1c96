"""Stage 10 · The production app: its settings, its refusal to start without secrets, wsgi.py, a generic 500, and
X-Forwarded-* headers believed only from the proxies it is told to trust."""

import os

import pytest

import expect
from deployment import REQUIRED, SECRETS, production_app, production_env, redirect_location
from grader.plugin import CheckFailed


@pytest.mark.hint("ProductionConfig: DEBUG and TESTING False, SECRET_KEY, JWT_SECRET_KEY and SQLALCHEMY_DATABASE_URI "
                  "read from the environment.", section="production-configuration")
def test_production_settings_come_from_the_environment(app_module, monkeypatch):
    """create_app("production") has DEBUG and TESTING off and takes its secrets and database from the environment"""
    production_env(monkeypatch)
    app = production_app(app_module)
    config = app.config
    expect.equal(config.get("DEBUG"), False, 'DEBUG in the production app')
    expect.equal(config.get("TESTING"), False, 'TESTING in the production app')
    for name, value in SECRETS.items():
        expect.that(config.get(name) == value, f"{name} in the production app to be the {name} of the environment",
                    "another value" if config.get(name) else repr(config.get(name)))
    expect.equal(config.get("SQLALCHEMY_DATABASE_URI"), os.environ["DATABASE_URL"],
                 "SQLALCHEMY_DATABASE_URI in the production app (from DATABASE_URL)")


@pytest.mark.parametrize("missing", REQUIRED)
@pytest.mark.hint("Each production setting is a property that reads its variable with required_setting(): no default "
                  "ever, and a RuntimeError that names the variable.", section="production-configuration")
def test_production_refuses_to_start_without(app_module, monkeypatch, missing):
    """create_app("production") refuses to build without SECRET_KEY, JWT_SECRET_KEY or DATABASE_URL, naming it"""
    production_env(monkeypatch)
    monkeypatch.delenv(missing)
    try:
        app = app_module.create_app("production")
    except Exception as exc:
        expect.that(missing in str(exc), f"the error to name {missing}", f"{type(exc).__name__}: {exc}")
        return
    value = app.config.get({"DATABASE_URL": "SQLALCHEMY_DATABASE_URI"}.get(missing, missing))
    raise CheckFailed(f'create_app("production") to raise an exception naming {missing} when it is not set',
                      f"an app, with {missing} set to a built-in default" if value else "an app")


@pytest.mark.hint("wsgi.py: application = create_app(os.environ.get(\"FLASK_CONFIG\", \"production\")).",
                  section="the-wsgi-entry-point", todo="todo-gunicorn-logging")
def test_wsgi_application_is_production_by_default(request, monkeypatch):
    """wsgi.py has `application`, built with the production configuration unless FLASK_CONFIG says otherwise"""
    production_env(monkeypatch)
    session = request.config._session
    app = session.load(spec="wsgi:application")
    expect.equal(app.config.get("DEBUG"), False, "DEBUG of wsgi.application without FLASK_CONFIG")
    expect.that(app.config.get("SECRET_KEY") == SECRETS["SECRET_KEY"],
                "wsgi.application without FLASK_CONFIG to use the production settings (SECRET_KEY from the "
                "environment)", "another SECRET_KEY")
    monkeypatch.setenv("FLASK_CONFIG", "development")
    app = session.load(spec="wsgi:application")
    expect.equal(app.config.get("DEBUG"), True, "DEBUG of wsgi.application with FLASK_CONFIG=development")


@pytest.mark.hint("The 500 handler answers a fixed, generic message in the error envelope, whatever the exception "
                  "says; the traceback goes to the log.", section="production-configuration")
def test_forced_error_in_production_is_generic_500(app_module, monkeypatch):
    """An exception in a production view answers 500 in the error envelope, with no exception text or traceback"""
    production_env(monkeypatch)
    app = production_app(app_module)
    secret = "password=hunter2 at db.internal:5432"
    app.add_raising_route("/checks-boom", "runtime_error", secret)
    response = app.test_client().get("/checks-boom")
    message = expect.error(response, 500, "GET of a production route that raises RuntimeError")
    body = response.get_data(as_text=True)
    expect.that("hunter2" not in body and "Traceback" not in body and "RuntimeError" not in body,
                "the 500 answer to hide the exception (its text, its type, the traceback)", f"{message!r:.200}")


@pytest.mark.hint("ProductionConfig.TRUSTED_PROXIES reads the variable; then create_app wraps app.wsgi_app in "
                  "ProxyFix(x_for=n, x_proto=n, x_host=n) when it (n) is above 0.", section="behind-a-proxy",
                  todo="todo-proxy-fix")
def test_trusted_proxy_sets_scheme_and_host(app_module, monkeypatch):
    """With TRUSTED_PROXIES=1, production builds URLs from X-Forwarded-Proto and X-Forwarded-Host"""
    production_env(monkeypatch, TRUSTED_PROXIES="1")
    app = production_app(app_module, 'create_app("production") with TRUSTED_PROXIES=1')
    expect.equal(app.config.get("TRUSTED_PROXIES"), 1, "TRUSTED_PROXIES of the production app with TRUSTED_PROXIES=1")
    location = redirect_location(app.test_client(), {"X-Forwarded-Proto": "https",
                                                     "X-Forwarded-Host": "api.example.com"})
    expect.equal(location, "https://api.example.com/api/tasks/",
                 "the redirect's Location behind one trusted proxy that forwards https and api.example.com")


@pytest.mark.hint("ProductionConfig.TRUSTED_PROXIES reads the variable with a default of 0: an app that faces "
                  "clients directly must not believe X-Forwarded-* headers.", section="behind-a-proxy",
                  todo="todo-trusted-proxies")
def test_production_trusts_no_proxy_by_default(app_module, monkeypatch):
    """Without TRUSTED_PROXIES, production ignores X-Forwarded-* headers"""
    production_env(monkeypatch)
    app = production_app(app_module)
    location = redirect_location(app.test_client(), {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"})
    expect.that("evil.example" not in location and location.startswith("http://"),
                "X-Forwarded-* headers to be ignored when TRUSTED_PROXIES is not set", f"Location: {location}")


@pytest.mark.hint("Only ProductionConfig reads TRUSTED_PROXIES; Config has TRUSTED_PROXIES = 0 for development and "
                  "testing.", section="behind-a-proxy", todo="todo-trusted-proxies")
@pytest.mark.parametrize("config_name", ["development", "testing"])
def test_development_and_testing_never_trust_proxies(app_module, monkeypatch, config_name):
    """Even with TRUSTED_PROXIES=1 in the environment, development and testing ignore X-Forwarded-* headers"""
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    app = app_module.create_app(config_name)
    location = redirect_location(app.test_client(), {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"})
    expect.that("evil.example" not in location, f'create_app("{config_name}") to ignore X-Forwarded-Host even with '
                "TRUSTED_PROXIES=1 in the environment", f"Location: {location}")


@pytest.mark.hint("Refuse a TRUSTED_PROXIES that is not a whole number with a RuntimeError that names it.",
                  section="behind-a-proxy", todo="todo-trusted-proxies")
def test_bad_trusted_proxies_is_refused(app_module, monkeypatch):
    """TRUSTED_PROXIES=yes makes create_app("production") refuse to build, naming TRUSTED_PROXIES"""
    production_env(monkeypatch, TRUSTED_PROXIES="yes")
    try:
        app_module.create_app("production")
    except Exception as exc:
        expect.that("TRUSTED_PROXIES" in str(exc), "the error to name TRUSTED_PROXIES", f"{type(exc).__name__}: {exc}")
        return
    raise CheckFailed('create_app("production") to refuse TRUSTED_PROXIES=yes with an error naming it', "an app")
