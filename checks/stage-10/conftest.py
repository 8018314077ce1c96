"""Stage 10: the gunicorn processes the checks need start together, when the first check begins, so that they load
the app while the other checks run; each is stopped (with everything it started) when the checks are done."""

import pytest

from deployment import SECRETS, LiveServer, Pending, process_env
from grader.plugin import CheckFailed

# The checks that use each process: a process no selected check needs is not started.
USERS = {
    "live": {"test_gunicorn_serves_health", "test_gunicorn_error_is_generic_500", "test_gunicorn_logs_the_error_once",
             "test_register_login_create_list_through_gunicorn"},
    "print_config": {"test_gunicorn_conf_settings"},
    "check_config": {"test_check_config_refuses_without_secret"},
}


class GunicornRuns:
    """The live server and the two gunicorn commands of this grading run."""

    def __init__(self, request, folder):
        selected = {getattr(item, "originalname", item.name) for item in request.session.items}
        needed = {name for name, users in USERS.items() if users & selected}
        conf_db = f"sqlite:///{folder / 'conf.db'}"
        self.pending = {}
        self.live = LiveServer(request, folder / "production.db") if "live" in needed else None
        if "print_config" in needed:
            env = process_env(request, DATABASE_URL=conf_db, WEB_CONCURRENCY="3", **SECRETS)
            self.pending["print_config"] = Pending(request, folder / "print-config.log", env, "--print-config")
        if "check_config" in needed:
            env = process_env(request, DATABASE_URL=conf_db, SECRET_KEY=SECRETS["SECRET_KEY"])
            self.pending["check_config"] = Pending(request, folder / "check-config.log", env, "--check-config",
                                                   "wsgi:application")

    def result(self, name: str) -> tuple[int | None, str]:
        if name not in self.pending:
            raise CheckFailed(f"gunicorn's {name} run to be started for this check", "it was not started")
        return self.pending[name].result()

    def stop(self) -> None:
        for run in self.pending.values():
            run.stop()
        if self.live is not None:
            self.live.stop()


@pytest.fixture(scope="session", autouse=True)
def gunicorn_runs(request, tmp_path_factory):
    """Start the gunicorn processes the selected checks need; stop them all at the end."""
    runs = GunicornRuns(request, tmp_path_factory.mktemp("gunicorn"))
    yield runs
    runs.stop()
