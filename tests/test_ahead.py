"""Two workers taking the checks in turn, each importing the next check's app ahead: the verdicts stay those of one
worker, the preparation is used when the next check asks for it, and never for an app whose import writes into
its own folder."""

from pathlib import Path

from conftest import copy_solution
from grader.manifest import find_stage
from grader.run import grade


def statuses(outcome) -> dict[str, str]:
    """Each check's verdict, by id."""
    return {check["id"]: check["status"] for check in outcome.checks}


def test_prepared_imports_are_used_and_change_no_verdict(tmp_path):
    """Stage 05's starter (some checks pass, most fail) gets the same verdicts with and without preparing ahead,
    and with it checks find their app ready (all but one or two on an idle machine; fewer when the second worker
    starts late on a busy one)."""
    stage = find_stage("stage-05")
    alone = grade(stage, stage.starter_dir, ahead=False)
    paired = grade(stage, stage.starter_dir, ahead=True)
    assert statuses(paired) == statuses(alone)
    assert 0 < alone.passed < alone.total
    assert alone.prepared is None
    assert paired.prepared["used"] > 0, paired.prepared
    # The seconds the workers spent, for scripts/benchmark.py --work: both kinds of work happened.
    assert paired.prepared["seconds"]["preparing"] > 0 and paired.prepared["seconds"]["answering"] > 0


def test_a_check_that_changes_its_settings_first_gets_a_fresh_import(tmp_path):
    """Stage 14's solution: checks that write a file or set a variable before loading the app do not get the
    import prepared with the usual settings, and still pass."""
    stage = find_stage("stage-14")
    outcome = grade(stage, stage.solution_dir, ahead=True)
    assert outcome.passed == outcome.total
    assert outcome.prepared["used"] > 0
    assert sum(outcome.prepared["unused"].values()) > 0, outcome.prepared


def test_an_import_that_writes_into_its_folder_is_never_prepared_ahead(tmp_path):
    """An app that appends to a file beside itself at import: each check still imports it afresh, in turn, and
    nothing is prepared while another check runs."""
    stage = find_stage("stage-01")
    folder = copy_solution(stage, tmp_path)
    app = folder / "app.py"
    app.write_text('from pathlib import Path\n\nwith open(Path(__file__).with_name("imports.log"), "a") as log:\n'
                   '    log.write("imported\\n")\n\n' + app.read_text(encoding="utf-8"), encoding="utf-8")
    paired = grade(stage, folder, ahead=True)
    assert paired.passed == paired.total
    assert paired.prepared["used"] == 0, paired.prepared
    assert paired.prepared["unused"].get("impure", 0) >= 1, paired.prepared
    assert not (folder / "imports.log").exists(), "grading wrote into the graded folder"
    assert statuses(paired) == statuses(grade(stage, Path(folder), ahead=False))
