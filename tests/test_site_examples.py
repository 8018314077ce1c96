"""The grader output and the stage table shown on the site are what the grader and course.toml produce today."""

import importlib.util
import platform
import re
import sys
import tempfile
from pathlib import Path

import pytest

from grader.manifest import ROOT

GENERATED = ROOT / "site" / "generated"
STARTER_EXCERPT_INCLUDE = re.compile(r'--8<-- "(stages/stage-\d+/[^":]+):(\d+):(\d+)"')


def load_renderer():
    """Import scripts/render_examples.py (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("render_examples", ROOT / "scripts" / "render_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """Every generated file, rendered now into a temporary folder."""
    folder = tmp_path_factory.mktemp("generated")
    load_renderer().render(folder)
    return folder


def test_no_stray_generated_files(fresh):
    """site/generated/ holds exactly the files the script renders (answers/ is scripts/render_answers.py's)."""
    assert sorted(p.name for p in GENERATED.iterdir() if p.is_file()) == sorted(p.name for p in fresh.iterdir())


@pytest.mark.parametrize("name", sorted(load_renderer().RENDERERS))
def test_generated_file_is_current(fresh, name):
    """A committed generated file is identical to a fresh rendering."""
    committed = (GENERATED / name).read_text(encoding="utf-8")
    assert committed == (fresh / name).read_text(encoding="utf-8"), (
        f"site/generated/{name} is out of date: run python scripts/render_examples.py")


def test_generated_files_are_shown_on_the_site():
    """Each generated file is included by some page (else it need not exist)."""
    pages = "".join(page.read_text(encoding="utf-8") for page in (ROOT / "site").rglob("*.md"))
    for name in load_renderer().RENDERERS:
        assert f"site/generated/{name}" in pages, f"no page includes site/generated/{name}"


def test_generated_files_hold_no_machine_specific_values(fresh):
    """Paths of this checkout, temporary folders, the Python version and the venv became placeholders."""
    machine = {str(ROOT), str(Path(sys.prefix)), str(Path(tempfile.gettempdir())) + "/", platform.python_version()}
    for path in fresh.iterdir():
        text = path.read_text(encoding="utf-8")
        leaks = [value for value in machine if value in text]
        assert not leaks, f"{path.name} shows {leaks}"


def test_starter_excerpts_still_show_a_todo():
    """Pages include a starter's lines by number: those lines are still a view function with its TODO and stub."""
    pages = "".join(page.read_text(encoding="utf-8") for page in (ROOT / "site").glob("*.md"))
    excerpts = STARTER_EXCERPT_INCLUDE.findall(pages)
    for file, start, end in excerpts:
        included = (ROOT / file).read_text(encoding="utf-8").splitlines()[int(start) - 1:int(end)]
        assert included and included[0].startswith("@app."), included
        assert any(line.strip().startswith("# TODO:") for line in included), included
        assert included[-1].strip().startswith("return"), included


def test_grader_output_is_80_columns_wide():
    """The terminal output shown on the site is at most 80 columns wide, as rendered with COLUMNS=80."""
    renderer = load_renderer()
    assert renderer.COLUMNS == "80"
    not_terminal = {"class-gradebook.csv.txt", "stage-table.txt", "grade-stage-01.json"}
    for name in sorted(set(renderer.RENDERERS) - not_terminal):
        wide = [line for line in (GENERATED / name).read_text(encoding="utf-8").splitlines() if len(line) > 80]
        assert not wide, f"site/generated/{name} has lines wider than 80 columns: {wide[:2]}"
