"""The student edition shows at most 10 % of the code a student must write, in every stage.

A line counts when it is in a todo-* region of a Python file of solutions/<stage>/, is at least 25 characters long
once stripped, and is not a comment; it leaks when the same stripped line is a line of some <code> block of the built
site (the measure of ../shared/tools/answer_leak.py).
"""

import pytest

from conftest import STAGES
from site_build import shown_code_lines
from site_snippets import todo_lines

LIMIT = 0.10
MIN_LENGTH = 25


def todo_code(stage) -> list[str]:
    """The stage's todo lines that count: stripped, 25+ characters, not comments."""
    found = []
    for path in sorted(stage.solution_dir.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number in sorted(todo_lines(path)):
            text = lines[number - 1].strip()
            if len(text) >= MIN_LENGTH and not text.startswith("#"):
                found.append(text)
    return found


@pytest.fixture(scope="module")
def shown(student_site) -> set[str]:
    """The code lines of the built student edition."""
    return shown_code_lines(student_site)


@pytest.mark.parametrize("stage", STAGES, ids=lambda stage: stage.id)
def test_student_edition_leaks_at_most_a_tenth(stage, shown):
    """At most 10 % of the stage's todo lines appear verbatim in the site's code blocks."""
    todo = todo_code(stage)
    assert todo, f"{stage.id} has no todo lines to measure"
    leaked = [line for line in todo if line in shown]
    share = len(leaked) / len(todo)
    assert share <= LIMIT, (f"{stage.id}: {len(leaked)}/{len(todo)} todo lines ({share:.0%}) are shown verbatim, "
                            f"e.g. {leaked[:3]}")
