"""Stage 12 · Which cache each configuration uses: SimpleCache in development unless the environment names another
backend, and no cache at all in the testing configuration."""

from pathlib import Path

import pytest

import expect
from cache_steps import behind_the_api, create, detail_title, fresh, list_titles, log_in, prepared, says, stale
from grader.plugin import CheckFailed


def development_app(app_module):
    """create_app("development") on this check's own SQLite file, migrated and seeded."""
    try:
        app = app_module.create_app("development")
    except Exception as exc:
        raise CheckFailed('create_app("development") to build an app', f"{type(exc).__name__}: {exc}") from None
    prepared(app)
    return app


@pytest.mark.hint("In Config, CACHE_TYPE is a property: the CACHE_TYPE environment variable, else \"SimpleCache\". "
                  "NullCache belongs to TestingConfig only: left in development, nothing is ever cached.",
                  section="flask-caching-and-its-backends", todo="todo-cache-settings")
def test_development_caches_in_memory(app_module, monkeypatch):
    """create_app("development") without CACHE_TYPE in the environment caches the task list (SimpleCache)"""
    monkeypatch.delenv("CACHE_TYPE", raising=False)
    app = development_app(app_module)
    client = app.test_client()
    headers = log_in(client, "user")
    task = create(client, headers, {"title": "Cached in development"})
    list_titles(client, headers)
    behind_the_api(app, task["id"], title="Changed behind the API")
    titles, response = list_titles(client, headers, request="GET /api/tasks/ a second time")
    says(response, "HIT", "the second GET /api/tasks/ of the development app")
    stale(titles, "Cached in development", "the second GET /api/tasks/ of the development app",
          f'the development app has CACHE_TYPE {app.config.get("CACHE_TYPE")!r}.')


@pytest.mark.hint("Read CACHE_TYPE (and CACHE_DIR) from the environment when create_app() runs (a property), so "
                  "CACHE_TYPE=FileSystemCache keeps the answers in files that every process on the machine shares.",
                  section="several-processes-and-redis", todo="todo-cache-settings")
def test_cache_type_from_the_environment(app_module, monkeypatch, tmp_path):
    """With CACHE_TYPE=FileSystemCache and CACHE_DIR set, the development app keeps its cached answers in that folder"""
    folder = tmp_path / "shared-cache"
    monkeypatch.setenv("CACHE_TYPE", "FileSystemCache")
    monkeypatch.setenv("CACHE_DIR", str(folder))
    app = development_app(app_module)
    client = app.test_client()
    headers = log_in(client, "user")
    create(client, headers, {"title": "Kept in a file"})
    list_titles(client, headers)
    _, response = list_titles(client, headers, request="GET /api/tasks/ a second time")
    says(response, "HIT", "the second GET /api/tasks/ with CACHE_TYPE=FileSystemCache")
    configured = Path(str(app.config.get("CACHE_DIR") or folder))
    # CACHE_DIR from the environment, or wherever the app's own CACHE_DIR points (relative: this check's folder).
    files = [path.name for place in {folder, configured} if place.is_dir() for path in place.iterdir()]
    expect.that(bool(files), f"cached answers as files in CACHE_DIR ({folder.name})",
                f'no files there (the app has CACHE_TYPE {app.config.get("CACHE_TYPE")!r}, '
                f'CACHE_DIR {app.config.get("CACHE_DIR")!r})')


@pytest.mark.hint("TestingConfig sets CACHE_TYPE = \"NullCache\": a test sees what it just wrote, even when "
                  "something changed the database behind the API, and the stage 09 suites stay green.",
                  section="caching-in-tests", todo="todo-testing-cache")
def test_testing_config_never_serves_stale_data(app, client):
    """create_app("testing") caches nothing: a row changed behind the API shows at once on list and detail"""
    prepared(app)
    headers = log_in(client, "user")
    task = create(client, headers, {"title": "Not cached in tests"})
    list_titles(client, headers)
    detail_title(client, headers, task["id"])
    behind_the_api(app, task["id"], title="Seen at once")
    note = f'the testing app has CACHE_TYPE {app.config.get("CACHE_TYPE")!r}.'
    titles, response = list_titles(client, headers, request="GET /api/tasks/ after the row changed")
    fresh(titles, "Seen at once", "GET /api/tasks/ of the testing app after the row changed", note)
    title, response = detail_title(client, headers, task["id"])
    fresh(title, "Seen at once", f"GET /api/tasks/{task['id']} of the testing app after the row changed", note)
