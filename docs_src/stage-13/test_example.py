"""Tests of the stage 13 example: jobs queued after the commit, 202 and a status URL,
eager jobs in tests, a broker that is down, and a real worker in another process."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery
from celery.result import AsyncResult
from flask_migrate import upgrade
from kombu.exceptions import EncodeError

from app import create_app
from app.bookmarks.jobs import check_link, write_notice
from app.config import TestingConfig
from app.extensions import db
from app.models import Bookmark

from conftest import AuthActions

HERE = Path(__file__).resolve().parent
LINK = {"url": "https://flask.palletsprojects.com/", "title": "Flask docs"}


def create(client, auth, body=LINK):
    """POST a bookmark as a signed-in reader; the response."""
    return client.post("/api/bookmarks/", json=body, headers=auth.headers())


# --8<-- [start:notice-test]
def test_a_new_bookmark_queues_one_notice(client, auth, notices):
    response = create(client, auth)
    assert response.status_code == 201
    lines = notices.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    notice = json.loads(lines[0])
    assert notice["to"] == "reader@example.com"
    assert notice["subject"] == "New bookmark: Flask docs"
    assert notice["bookmark_id"] == response.get_json()["data"]["id"]
# --8<-- [end:notice-test]


# --8<-- [start:check-test]
def test_a_check_answers_202_and_where_to_follow_it(client, auth):
    bookmark = create(client, auth).get_json()["data"]
    response = client.post(f"/api/bookmarks/{bookmark['id']}/check",
                           headers=auth.headers())
    assert response.status_code == 202
    data = response.get_json()["data"]
    assert response.headers["Location"] == data["status_url"]
    assert data["status_url"].endswith(f"/api/jobs/{data['job_id']}")

    # Eager: the job has already run, and its stored outcome is readable.
    state = client.get(data["status_url"]).get_json()["data"]
    assert state["state"] == "SUCCESS"
    assert state["result"]["bookmark_id"] == bookmark["id"]
    assert state["result"]["https"] is True
    shown = client.get(f"/api/bookmarks/{bookmark['id']}").get_json()["data"]
    assert shown["checked_at"] is not None
# --8<-- [end:check-test]


def test_checking_a_missing_bookmark_is_404(client, auth):
    response = client.post("/api/bookmarks/41/check", headers=auth.headers())
    assert response.status_code == 404
    assert response.get_json()["status"] == "error"


def test_checking_needs_a_token(client, auth):
    bookmark_id = create(client, auth).get_json()["data"]["id"]
    assert client.post(f"/api/bookmarks/{bookmark_id}/check").status_code == 401


def test_an_unknown_job_is_pending(client):
    response = client.get("/api/jobs/no-such-job")
    assert response.status_code == 200
    assert response.get_json()["data"] == {"job_id": "no-such-job", "state": "PENDING"}


def test_a_failed_job_says_why(app, client):
    with app.app_context():
        job = check_link.delay(404)  # no bookmark has that id
    state = client.get(f"/api/jobs/{job.id}").get_json()["data"]
    assert state["state"] == "FAILURE"
    assert state["error"].startswith("LookupError: Bookmark 404")


# --8<-- [start:ids-not-rows]
def test_arguments_travel_as_json_even_when_eager(app):
    with app.app_context():
        bookmark = Bookmark(**LINK)
        db.session.add(bookmark)
        db.session.commit()
        with pytest.raises(EncodeError):
            write_notice.delay(bookmark, 1)  # a row is not JSON; its id is
# --8<-- [end:ids-not-rows]


# --8<-- [start:broker-down-test]
@pytest.fixture
def app_without_broker(notices):
    """The testing app, not eager, with a broker nobody listens to (port 1)."""
    down = TestingConfig().CELERY | {
        "broker_url": "redis://127.0.0.1:1/0",
        "task_always_eager": False,
    }
    app = create_app("testing", {"NOTICES_FILE": notices, "CELERY": down})
    with app.app_context():
        upgrade()
    return app


def test_a_broker_that_is_down_costs_the_notice_only(app_without_broker, caplog):
    client = app_without_broker.test_client()
    auth = AuthActions(app_without_broker, client)

    response = create(client, auth)
    assert response.status_code == 201  # saved, and said so
    assert "No notice queued for bookmark 1" in caplog.text
    listed = client.get("/api/bookmarks/").get_json()["data"]
    assert [bookmark["title"] for bookmark in listed] == ["Flask docs"]

    check = client.post("/api/bookmarks/1/check", headers=auth.headers())
    assert check.status_code == 503
# --8<-- [end:broker-down-test]


def test_the_settings_keep_results_and_track_started(dev_app):
    celery = dev_app.extensions["celery"]
    assert isinstance(celery, Celery)
    assert celery.conf.task_ignore_result is False
    assert celery.conf.task_track_started is True
    assert celery.conf.task_always_eager is False


def test_without_servers_the_stores_are_sqlite_files(monkeypatch, tmp_path):
    monkeypatch.setenv("DEV_DATABASE_URL", f"sqlite:///{tmp_path / 'dev.db'}")
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_RESULT_BACKEND", raising=False)
    app = create_app("development")
    conf = app.extensions["celery"].conf
    instance = Path(app.instance_path)
    assert conf.broker_url == f"sqla+sqlite:///{instance / 'broker.sqlite'}"
    assert conf.result_backend == f"db+sqlite:///{instance / 'results.sqlite'}"


def test_the_worker_entry_point_knows_both_jobs(monkeypatch):
    monkeypatch.setenv("FLASK_CONFIG", "testing")
    sys.modules.pop("make_celery", None)
    import make_celery

    names = set(make_celery.celery_app.tasks)
    assert {"app.bookmarks.jobs.write_notice", "app.bookmarks.jobs.check_link"} <= names


# --8<-- [start:worker-test]
def test_a_worker_in_another_process_runs_the_check(dev_app, dev_env):
    with dev_app.app_context():
        upgrade()
        bookmark = Bookmark(**LINK)
        db.session.add(bookmark)
        db.session.commit()
        bookmark_id = bookmark.id
        job = check_link.delay(bookmark_id)  # into the queue file; nobody runs it
        assert job.state == "PENDING"
    web = dev_app.test_client()
    path = f"/api/bookmarks/{bookmark_id}"
    assert web.get(path).get_json()["data"]["checked_at"] is None  # now cached

    command = [sys.executable, "-m", "celery", "-A", "make_celery", "worker",
               "--pool=solo", "--loglevel=warning", "--without-heartbeat",
               "--without-gossip", "--without-mingle"]
    worker = subprocess.Popen(command, cwd=HERE, env=dict(os.environ),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        outcome = AsyncResult(job.id, app=dev_app.extensions["celery"])
        deadline = time.monotonic() + 60
        while outcome.state != "SUCCESS" and time.monotonic() < deadline:
            assert worker.poll() is None, worker.stdout.read().decode()
            time.sleep(0.5)
        assert outcome.state == "SUCCESS"
        assert outcome.result["bookmark_id"] == bookmark_id
    finally:
        worker.terminate()
        worker.communicate(timeout=30)

    # The row is checked, but this process's SimpleCache was never told: the
    # worker forgot the answers in its own cache. Stale until the copy expires.
    with dev_app.app_context():
        assert db.session.get(Bookmark, bookmark_id).checked_at is not None
    stale = web.get(path)
    assert stale.headers["X-Cache"] == "HIT"
    assert stale.get_json()["data"]["checked_at"] is None
# --8<-- [end:worker-test]


def test_polling_has_a_budget_of_its_own(limited_app):
    client = limited_app(DEFAULT_RATE_LIMIT="3 per minute").test_client()
    answers = [client.get("/api/jobs/some-job").status_code for _ in range(5)]
    assert answers == [200] * 5  # past the default of 3: the route has its own
