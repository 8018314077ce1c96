"""The chapters' worked examples (docs_src/stage-NN/) pass their own tests, and the code the site shows fits.

Each example folder runs its tests as a reader would: `python -m pytest` from inside the folder, in a process of its
own, with HOME and every database setting pointing into a temporary folder.
"""

import re
import subprocess
import sys

import pytest

from conftest import STAGES
from grader.manifest import ROOT
from server import server_env
from site_snippets import code_includes, included_lines, pages, todo_lines

EXAMPLES = sorted((ROOT / "docs_src").glob("stage-*"))
MAX_COLUMNS = 88
NOT_RUN = re.compile(r"\b\d+ (skipped|xfailed|xpassed|deselected|errors?)\b")
SHOWN_FROM = ("docs_src", "solutions")


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda folder: folder.name)
def test_example_passes_its_tests(folder, tmp_path):
    """`python -m pytest` in the example's folder passes every test and skips none."""
    env = server_env(tmp_path)
    env.pop("PYTEST_ADDOPTS", None)
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=folder, env=env,
                            capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    summary = output.strip().splitlines()[-1]
    assert " passed" in summary and not NOT_RUN.search(summary), summary


@pytest.mark.parametrize("stage", STAGES, ids=lambda stage: stage.id)
def test_every_stage_has_a_tested_example(stage):
    """Each stage's chapter teaches on an example folder with its fixtures and tests."""
    folder = ROOT / "docs_src" / stage.id
    assert (folder / "conftest.py").is_file() and (folder / "test_example.py").is_file(), (
        f"docs_src/{stage.id} needs conftest.py and test_example.py")


def shown_includes():
    """Every code include of the site that shows part of docs_src/ or solutions/."""
    return [include for page in pages() for include in code_includes(page)
            if include.path.relative_to(ROOT).parts[0] in SHOWN_FROM]


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.stem)
def test_code_shown_fits_in_88_columns(page):
    """Every line the page includes from docs_src/ or solutions/ is at most 88 columns wide."""
    too_wide = [f"{include.label} line {number} ({len(text)} columns)"
                for include in shown_includes() if include.page == page
                for number, text in included_lines(include) if len(text) > MAX_COLUMNS]
    assert not too_wide, "code wider than 88 columns:\n" + "\n".join(too_wide)


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.stem)
def test_no_page_shows_a_todo_region(page):
    """The student edition never includes code of a todo-* region of solutions/, by section, range or whole file."""
    shown = []
    for include in code_includes(page):
        if include.path.relative_to(ROOT).parts[0] != "solutions":
            continue
        todo = todo_lines(include.path)
        if (include.section or "").startswith("todo-") or any(n in todo for n, _ in included_lines(include)):
            shown.append(include.label)
    assert not shown, "includes that show code a student must write:\n" + "\n".join(shown)
