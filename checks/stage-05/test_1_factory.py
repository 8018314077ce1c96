"""Stage 05 · The application factory: the blueprint, configurations, independent apps, /health and init-db."""

import pytest

import expect
from grader.plugin import CheckFailed
from grader.remote import RemoteError

CONFIG_NAMES = ("development", "testing", "production")
STATUSES = ("pending", "completed")


def build(app_module, *names):
    """Call create_app with the given name (or none); an exception becomes a failure a student can read."""
    call = f"create_app({', '.join(expect.shown(name) for name in names)})"
    try:
        return app_module.create_app(*names)
    except (RemoteError, TypeError) as exc:
        raise CheckFailed(f"{call} to build an app", f"{type(exc).__name__}: {exc}") from None


def raised_by(app_module, name):
    """The exception create_app(name) raises (named like the student's), or None when it builds an app."""
    try:
        app_module.create_app(name)
    except RemoteError as exc:
        return exc
    return None


def sqlite_url(path) -> str:
    """A SQLite URL for a file."""
    return f"sqlite:///{path}"


def task_list(client, request: str = "GET /api/tasks/") -> list:
    """GET the collection and return its data, a list."""
    data = expect.success(expect.tasks_reached(client.get("/api/tasks/"), request), 200, request)
    expect.that(isinstance(data, list), f'the "data" of {request} to be a list', expect.shown(data, 200))
    return data


def create_task(client, title: str, request: str = "POST /api/tasks/") -> dict:
    """POST a task with this title and return the new task."""
    data = expect.success(expect.tasks_reached(client.post("/api/tasks/", json={"title": title}), request), 201, request)
    expect.that(isinstance(data, dict), f'the "data" of {request} to be the new task', expect.shown(data, 200))
    return data


def titles(tasks: list) -> list:
    """The titles of a list of tasks."""
    return [task.get("title") if isinstance(task, dict) else task for task in tasks]


# --- The blueprint ---------------------------------------------------------------------------------------------


@pytest.mark.hint('Create the blueprint as Blueprint("tasks", __name__), put the task routes on it and register '
                  'it in create_app with url_prefix="/api/tasks".', section="blueprints")
def test_tasks_blueprint_is_registered(app):
    """The app has a blueprint named "tasks" that holds the /api/tasks routes"""
    expect.that("tasks" in app.blueprints, 'a blueprint named "tasks" in app.blueprints', repr(sorted(app.blueprints)))
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/tasks")]
    expect.that(bool(rules), "routes under /api/tasks", repr(sorted(rule.rule for rule in app.url_map.iter_rules())))
    outside = [rule.rule for rule in rules if not rule.endpoint.startswith("tasks.")]
    expect.that(not outside, 'every /api/tasks route to belong to the "tasks" blueprint', f"outside it: {outside}")


@pytest.mark.hint('Collection routes on the blueprint use "/", which the prefix turns into /api/tasks/.',
                  section="the-trailing-slash")
def test_collection_url_has_trailing_slash(client):
    """GET /api/tasks/ (with the trailing slash) answers 200 with the list of tasks"""
    expect.equal(task_list(client), [], "the tasks of a new testing app")


# --- Configuration per environment -----------------------------------------------------------------------------


@pytest.mark.hint("TestingConfig sets TESTING = True.", section="configuration-per-environment")
def test_testing_config_sets_testing(app):
    """create_app("testing") builds an app with TESTING set to True"""
    expect.equal(app.config.get("TESTING"), True, 'app.config["TESTING"] of create_app("testing")')


@pytest.mark.hint('TestingConfig uses "sqlite:///:memory:", a database that lives and dies with its app.',
                  section="configuration-per-environment")
def test_testing_config_uses_memory_database(app):
    """create_app("testing") uses an in-memory SQLite database"""
    uri = app.config.get("SQLALCHEMY_DATABASE_URI")
    expect.that(expect.is_in_memory(uri), 'SQLALCHEMY_DATABASE_URI of create_app("testing") to be "sqlite:///:memory:"',
                expect.shown(uri))


@pytest.mark.hint("DevelopmentConfig reads DEV_DATABASE_URL with os.environ.get, in a property so that it is read "
                  "when create_app runs, not once at import.", section="reading-the-environment-at-build-time")
def test_development_uses_dev_database_url(app_module, monkeypatch, tmp_path):
    """create_app("development") uses the database named by DEV_DATABASE_URL at the time it is called"""
    url = sqlite_url(tmp_path / "dev.db")
    monkeypatch.setenv("DEV_DATABASE_URL", url)
    app = build(app_module, "development")
    expect.equal(app.config.get("SQLALCHEMY_DATABASE_URI"), url,
                 f'SQLALCHEMY_DATABASE_URI of create_app("development") with DEV_DATABASE_URL={url}')


@pytest.mark.hint("Each create_app call makes a new Flask app and reads the environment again; nothing about one "
                  "app may be kept for the next.", section="reading-the-environment-at-build-time")
def test_development_apps_follow_their_database(app_module, monkeypatch, tmp_path):
    """Development apps built with different DEV_DATABASE_URLs keep their tasks apart; the same URL shares them"""
    first_url, other_url = sqlite_url(tmp_path / "first.db"), sqlite_url(tmp_path / "other.db")
    monkeypatch.setenv("DEV_DATABASE_URL", first_url)
    create_task(build(app_module, "development").test_client(), "Kept in first.db",
                "POST /api/tasks/ on a development app using first.db")
    monkeypatch.setenv("DEV_DATABASE_URL", other_url)
    other = task_list(build(app_module, "development").test_client(), "GET /api/tasks/ on an app using other.db")
    expect.equal(titles(other), [], "the titles listed by a development app using other.db")
    monkeypatch.setenv("DEV_DATABASE_URL", first_url)
    again = task_list(build(app_module, "development").test_client(),
                      "GET /api/tasks/ on a new app using first.db again")
    expect.equal(titles(again), ["Kept in first.db"], "the titles listed by a new development app using first.db")


@pytest.mark.hint('Give create_app a default: def create_app(config_name="development").',
                  section="the-factory")
def test_default_config_is_development(app_module, monkeypatch, tmp_path):
    """create_app() with no name builds the development configuration"""
    url = sqlite_url(tmp_path / "default.db")
    monkeypatch.setenv("DEV_DATABASE_URL", url)
    app = build(app_module)
    expect.that(not app.config.get("TESTING"), 'create_app() not to be a testing app (TESTING not True)',
                f"TESTING = {app.config.get('TESTING')!r}")
    expect.equal(app.config.get("SQLALCHEMY_DATABASE_URI"), url,
                 "SQLALCHEMY_DATABASE_URI of create_app(), which should be development's DEV_DATABASE_URL")


@pytest.mark.hint("ProductionConfig's SECRET_KEY property calls required_setting(\"SECRET_KEY\"), which raises "
                  "when the variable is missing.", section="production-reads-everything-from-the-environment")
def test_production_refuses_without_secret_key(app_module, monkeypatch):
    """create_app("production") without SECRET_KEY in the environment refuses to start (raises an exception)"""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    error = raised_by(app_module, "production")
    expect.that(error is not None, 'create_app("production") to raise an exception when SECRET_KEY is not set',
                "an app, built with whatever secret key it found")


@pytest.mark.parametrize("missing", ["DATABASE_URL", "SECRET_KEY"])
@pytest.mark.hint("Every production setting comes from the environment, with no default to fall back to: "
                  "required_setting(name) raises when the variable is missing or empty.",
                  section="production-reads-everything-from-the-environment")
def test_production_refuses_without_each_setting(app_module, monkeypatch, tmp_path, missing):
    """create_app("production") with one of its environment variables missing or empty refuses to start"""
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-of-at-least-32-bytes")
    monkeypatch.setenv("DATABASE_URL", sqlite_url(tmp_path / "production.db"))
    monkeypatch.setenv(missing, "")
    error = raised_by(app_module, "production")
    expect.that(error is not None, f'create_app("production") to raise an exception when {missing} is empty',
                "an app, built with a default in its place")
    monkeypatch.delenv(missing)
    error = raised_by(app_module, "production")
    expect.that(error is not None, f'create_app("production") to raise an exception when {missing} is not set',
                "an app, built with a default in its place")


@pytest.mark.hint("ProductionConfig reads SECRET_KEY and DATABASE_URL from the environment when the app is built.",
                  section="production-reads-everything-from-the-environment")
def test_production_reads_environment(app_module, monkeypatch, tmp_path):
    """create_app("production") with SECRET_KEY and DATABASE_URL set builds an app that uses both"""
    secret, url = "a-production-secret-of-at-least-32-bytes", sqlite_url(tmp_path / "production.db")
    monkeypatch.setenv("SECRET_KEY", secret)
    monkeypatch.setenv("DATABASE_URL", url)
    app = build(app_module, "production")
    expect.equal(app.config.get("SECRET_KEY"), secret, 'SECRET_KEY of create_app("production")')
    expect.equal(app.config.get("SQLALCHEMY_DATABASE_URI"), url, 'SQLALCHEMY_DATABASE_URI of create_app("production")')
    expect.that(not app.config.get("TESTING"), 'create_app("production") not to be a testing app',
                f"TESTING = {app.config.get('TESTING')!r}")


@pytest.mark.parametrize("name", ["staging", "prod"])
@pytest.mark.hint("Look the name up in config_by_name; when it is not there, raise ValueError and list the valid "
                  "names in the message.", section="configuration-per-environment")
def test_unknown_config_name_raises(app_module, name):
    """create_app with an unknown configuration name raises ValueError naming the valid ones"""
    error = raised_by(app_module, name)
    call = f"create_app({name!r})"
    expect.that(error is not None, f"{call} to raise ValueError", "an app (an unknown name must not fall back)")
    expect.that(type(error).__name__ == "ValueError", f"{call} to raise ValueError", f"{type(error).__name__}: {error}")
    missing = [valid for valid in CONFIG_NAMES if valid not in str(error)]
    expect.that(not missing, f"the ValueError's message to name {', '.join(CONFIG_NAMES)}", repr(str(error)))


# --- Independent apps ------------------------------------------------------------------------------------------


# --8<-- [start:independent-apps]
@pytest.mark.hint("Build the Flask app inside create_app and keep no app or engine at module level; in-memory "
                  "SQLite gives each app its own database.", section="how-the-factory-makes-testing-possible")
def test_two_testing_apps_are_independent(app_module):
    """Two apps from create_app("testing") do not share data: a task created in one is absent from the other"""
    app, other = build(app_module, "testing"), build(app_module, "testing")
    expect.that(other is not app, 'a second create_app("testing") to return a new app', "the same app object")
    create_task(app.test_client(), "Only in the first app", 'POST /api/tasks/ on the first create_app("testing")')
    listed = task_list(other.test_client(), 'GET /api/tasks/ on the second create_app("testing")')
    expect.equal(titles(listed), [], "the titles listed by the second app")
    mine = task_list(app.test_client(), 'GET /api/tasks/ on the first create_app("testing")')
    expect.equal(titles(mine), ["Only in the first app"], "the titles listed by the first app")
# --8<-- [end:independent-apps]


@pytest.mark.hint("Leave print() out of the package and the factory; log with app.logger if you want a trace.",
                  section="the-factory")
def test_import_and_build_print_nothing(fresh_app, capsys):
    """Importing the package and calling create_app("testing") print nothing"""
    fresh_app()
    printed = capsys.readouterr().out
    expect.that(not printed.strip(), "nothing printed while importing and building the app", expect.shown(printed[:200]))


# --- /health ---------------------------------------------------------------------------------------------------


@pytest.mark.hint('Return {"status": "ok"} from the /health route.', section="health-checks")
def test_health(client):
    """GET /health answers 200 with {"status": "ok"}"""
    response = client.get("/health")
    expect.status(response, 200, "GET /health")
    expect.equal(expect.json_object(response, "GET /health"), {"status": "ok"}, "the body of GET /health")


# --- init-db ---------------------------------------------------------------------------------------------------


def run_init_db(runner, which: str = "flask init-db"):
    """Invoke init-db and expect it to succeed and say something."""
    result = runner.invoke(args=["init-db"])
    got = f"exit code {result.exit_code}, output {result.output.strip()!r:.200}"
    if result.exception is not None:
        got += f", {type(result.exception).__name__}: {result.exception}"
    expect.that(result.exit_code == 0, f"{which} to succeed (exit code 0)", got)
    expect.that(bool(result.output.strip()), f"{which} to print what it did", "no output")


@pytest.mark.hint("In init-db: drop_all(), create_all(), add the three seed tasks, commit, then click.echo a line.",
                  section="cli-commands")
def test_init_db_seeds_three_tasks(runner, client):
    """flask init-db succeeds, says what it did, and leaves three valid tasks"""
    run_init_db(runner)
    tasks = task_list(client, "GET /api/tasks/ after init-db")
    expect.equal(len(tasks), 3, "the number of tasks after init-db")
    for task in tasks:
        expect.that(isinstance(task, dict), "each task to be an object", expect.shown(task, 200))
        title = expect.key(task, "title", str, where="a seeded task")
        expect.that(bool(title.strip()), "a seeded task to have a non-empty title", expect.shown(title))
        expect.that(task.get("status") in STATUSES, 'a seeded task\'s "status" to be "pending" or "completed"',
                    repr(task.get("status")))


@pytest.mark.hint("init-db starts with db.drop_all(), so whatever was there before is gone.", section="cli-commands")
def test_init_db_starts_from_scratch(runner, client):
    """flask init-db drops what was there: after a POST and two init-db runs there are exactly three tasks"""
    create_task(client, "Made before init-db")
    run_init_db(runner, "the first flask init-db")
    run_init_db(runner, "the second flask init-db")
    tasks = task_list(client, "GET /api/tasks/ after two init-db runs")
    expect.equal(len(tasks), 3, "the number of tasks after two init-db runs")
    expect.that("Made before init-db" not in titles(tasks), "the task made before init-db to be gone",
                repr(titles(tasks)))
