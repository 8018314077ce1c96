"""Every mutant (a deliberate, realistic bug applied to a solution) is caught by its stage's checks."""

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import STAGES, copy_solution
from grader.manifest import tomllib
from grader.run import grade

MUTANTS = Path(__file__).parent / "mutants"
MINIMUM_PER_STAGE = 5


def load_mutants(stage) -> list[dict]:
    """The mutants declared for a stage in tests/mutants/<stage>.toml."""
    path = MUTANTS / f"{stage.id}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["mutant"] if path.exists() else []


def mutant_params():
    """One param per (stage, mutant)."""
    return [pytest.param(stage, mutant, id=f"{stage.id}:{mutant['name']}")
            for stage in STAGES for mutant in load_mutants(stage)]


@pytest.mark.parametrize("stage", [pytest.param(s, id=s.id) for s in STAGES])
def test_stage_has_enough_mutants(stage):
    """Each stage keeps at least five mutants."""
    assert len(load_mutants(stage)) >= MINIMUM_PER_STAGE


def apply(mutant: dict, folder: Path) -> None:
    """Apply a mutant's find/replace pairs to the copied solution; each find must match exactly once."""
    edits = mutant.get("edit") or [{"file": mutant["file"], "find": mutant["find"], "replace": mutant["replace"]}]
    for edit in edits:
        path = folder / edit.get("file", mutant.get("file"))
        text = path.read_text(encoding="utf-8")
        assert text.count(edit["find"]) == 1, f"{mutant['name']}: 'find' must match once in {path.name}"
        path.write_text(text.replace(edit["find"], edit["replace"]), encoding="utf-8")


def grade_mutant(stage, mutant, workspace: Path):
    """Apply a mutant to a fresh copy of the solution and grade it."""
    folder = copy_solution(stage, workspace)
    apply(mutant, folder)
    return grade(stage, folder)


@pytest.fixture(scope="session")
def mutant_outcomes(request, tmp_path_factory):
    """Grade every selected mutant up front, one per core at a time (each grading is its own process)."""
    selected = [item.callspec.params for item in request.session.items
                if getattr(item, "originalname", None) == "test_mutant_is_caught"]
    workspace = tmp_path_factory.mktemp("mutants")

    def run(params):
        """Grade one mutant in its own folder."""
        stage, mutant = params["stage"], params["mutant"]
        folder = workspace / f"{stage.id}-{mutant['name']}"
        folder.mkdir()
        return (stage.id, mutant["name"]), grade_mutant(stage, mutant, folder)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return dict(pool.map(run, selected))


@pytest.mark.parametrize(("stage", "mutant"), mutant_params())
def test_mutant_is_caught(stage, mutant, mutant_outcomes):
    """The checks fail on the mutant (and the app still imports, so the catch is by behaviour)."""
    outcome = mutant_outcomes[(stage.id, mutant["name"])]
    assert outcome.error is None, f"mutant broke the import instead of the behaviour: {outcome.error}"
    assert outcome.passed < outcome.total, f"no check caught: {mutant['description']}"
