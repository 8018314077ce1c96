"""The checks' process starts the student's workers before pytest: grader/launch.py reads how to start them from the
same command line that pytest then reads whole."""

from grader.launch import libraries_used, worker_options


def test_worker_options_are_picked_out_of_the_pytest_command():
    """The options that say how to start the workers are found among pytest's own, values included."""
    options = worker_options(["checks/stage-07", "-c", "checks/pytest.ini", "-p", "grader.plugin", "-p",
                              "no:cacheprovider", "--target", "/run/submission", "--only=--target words",
                              "--scratch", "/run", "--sandbox", "--cpu-seconds", "30", "--ahead", "-q"])
    assert (options.target, options.scratch, options.sandbox, options.cpu_seconds, options.ahead) == (
        "/run/submission", "/run", True, 30, True)


def test_a_plain_pytest_command_starts_no_worker():
    """Without --target (pytest run on the checks alone), nothing is started before pytest."""
    options = worker_options(["checks/stage-01", "-q"])
    assert options.target is None and not options.ahead and not options.sandbox


def test_only_the_libraries_the_app_imports_are_preloaded(tmp_path):
    """Flask always; the others only when a file of the app (or one of its packages) imports them."""
    (tmp_path / "app.py").write_text("from flask import Flask\nimport sqlalchemy\n", encoding="utf-8")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "jobs.py").write_text("    from celery import shared_task\n", encoding="utf-8")
    assert libraries_used(tmp_path) == ["flask", "sqlalchemy", "celery"]
