"""Stage 15 · Secrets stay secret: production refuses weak or sample keys, errors say nothing, tokens and answers
carry no more than they must, and nothing secret can be committed."""

import pytest

import expect
from grader.plugin import CheckFailed
from security_steps import COLLECTION, PASSWORD, claims, register, upgraded, user

STRONG = {"SECRET_KEY": "checks-secret-key-of-the-production-app-0123456789",
          "JWT_SECRET_KEY": "checks-jwt-key-of-the-production-app-0123456789ab"}
SAMPLE_KEYS = {"SECRET_KEY": "dev-only-key-never-use-it-in-production",
               "JWT_SECRET_KEY": "dev-only-jwt-key-never-use-it-in-production"}
# Claims Flask-JWT-Extended writes itself (RFC 7519's and its own bookkeeping), plus the role the app adds.
ALLOWED_CLAIMS = {"sub", "role", "iat", "nbf", "exp", "jti", "type", "fresh", "csrf"}


def production(monkeypatch, **overrides):
    """Set the production environment with strong secrets, then apply the overrides."""
    for name, value in {**STRONG, **overrides}.items():
        monkeypatch.setenv(name, value)
    for name in ("FLASK_CONFIG", "TRUSTED_PROXIES"):
        monkeypatch.delenv(name, raising=False)


def refused(app_module, name: str, why: str) -> None:
    """create_app("production") raises an error that names the variable."""
    try:
        app = app_module.create_app("production")
    except Exception as exc:
        expect.that(name in str(exc), f"the error to name {name}", f"{type(exc).__name__}: {exc}")
        return
    raise CheckFailed(f'create_app("production") to refuse {why} {name}', "an app" if app else "nothing")


@pytest.mark.parametrize("name", list(STRONG))
@pytest.mark.hint("strong_secret(name): the value from the environment; a RuntimeError naming it when shorter than 32 "
                  "characters or equal to a sample key of config.py.", section="secrets-in-production",
                  todo="todo-strong-secret")
def test_production_refuses_weak_secrets(app_module, monkeypatch, name):
    """create_app("production") refuses a short secret and the development sample key, naming the variable"""
    production(monkeypatch, **{name: "short"})
    refused(app_module, name, "a 5-character")
    production(monkeypatch, **{name: SAMPLE_KEYS[name]})
    refused(app_module, name, "the development sample key as")
    production(monkeypatch)
    try:
        app_module.create_app("production")
    except Exception as exc:
        raise CheckFailed('create_app("production") to start with strong secrets and DATABASE_URL',
                          f"{type(exc).__name__}: {exc}") from None


@pytest.mark.hint("Keep stage 10's generic 500: the error envelope with a fixed message; the exception goes to the "
                  "log only.", section="errors-that-say-nothing")
def test_production_500_says_nothing(app_module, monkeypatch):
    """A crash in production answers 500 in the error envelope without the exception's text or a traceback"""
    production(monkeypatch)
    app = app_module.create_app("production")
    app.add_raising_route("/grader-boom", "runtime_error", "secret-detail-4242 from deep inside")
    response = app.test_client().get("/grader-boom")
    expect.error(response, 500, "a production route that raises an exception")
    text = response.get_data(as_text=True)
    expect.that("secret-detail-4242" not in text and "Traceback" not in text,
                "the 500 answer to say nothing of the exception", expect.shown(text))


@pytest.mark.hint("init-db seeds accounts with a published password: refuse to run it unless the app is in debug or "
                  "testing mode.", section="secrets-in-production")
def test_init_db_refuses_production(app_module, monkeypatch):
    """flask init-db refuses to seed known passwords into a production database"""
    production(monkeypatch)
    app = app_module.create_app("production")
    runner = app.test_cli_runner()
    runner.invoke(args=["db", "upgrade"])
    result = runner.invoke(args=["init-db"])
    seeded = app.select("SELECT username FROM users")
    expect.that(result.exit_code != 0 and not seeded, "flask init-db to fail in production and seed no account",
                f"exit code {result.exit_code}, users {[row.get('username') for row in seeded]}")


@pytest.mark.hint("Answers never include password_hash or the password: the schemas and dicts of register, login and "
                  "the task routes name what they send.", section="secrets-in-production")
def test_no_answer_contains_a_password(runner, client):
    """No answer of register, login or the task routes contains the password or its hash"""
    upgraded(runner)
    answers = [client.post("/auth/register", json={"username": "alice", "email": "alice@example.com",
                                                   "password": PASSWORD})]
    login = client.post("/auth/login", json={"username": "alice", "password": PASSWORD})
    answers.append(login)
    headers = {"Authorization": f"Bearer {(login.get_json(silent=True) or {}).get('access_token', '')}"}
    answers.append(client.post(COLLECTION, json={"title": "Mine"}, headers=headers))
    answers.append(client.get(COLLECTION, headers=headers))
    for response in answers:
        text = response.get_data(as_text=True)
        expect.that(PASSWORD not in text and "password_hash" not in text and "scrypt:" not in text,
                    "no password or password hash in any answer", expect.describe(response))


@pytest.mark.hint("additional_claims holds the role and nothing else: no email, no password hash, no user record.",
                  section="secrets-in-production")
def test_tokens_carry_only_what_they_need(runner, client):
    """An access token carries only sub, role and the standard claims"""
    upgraded(runner)
    found = set(claims(user(client, "alice")))
    extra = sorted(found - ALLOWED_CLAIMS)
    expect.that(not extra, "the access token's claims to be sub, role and the standard ones", f"also {extra}")


@pytest.mark.hint("A .gitignore in the app folder with .env and instance/ (the databases, the queue, the outbox).",
                  section="secrets-in-production")
def test_gitignore_keeps_secrets_out(request):
    """.gitignore lists .env and instance/, so neither can be committed"""
    from pathlib import Path
    path = Path(request.config.getoption("target")) / ".gitignore"
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.is_file() else []
    patterns = {line.strip().rstrip("/").lstrip("/") for line in lines if line.strip() and not line.startswith("#")}
    for wanted in (".env", "instance"):
        expect.that(wanted in patterns, f"{wanted} in .gitignore", f"patterns {sorted(patterns)}" if lines else
                    "no .gitignore in the app folder")
