"""The "When a check fails" section of each chapter names checks by the titles the grader prints (`✗ title`), and
writes values as the grader does now: JSON, not Python reprs."""

import ast
import re

import pytest

from conftest import STAGES

QUOTED_TITLE = re.compile(r"`✗ ([^`]+)`")
PYTHON_REPR = re.compile(r"""(?<![\w"])'[^'`\n]{1,60}'(?![\w"])|\bNone\b|{'""")


def check_titles(stage) -> set[str]:
    """The titles of a stage's checks: the first line of each check function's docstring."""
    titles = set()
    for path in stage.checks_dir.glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                doc = ast.get_docstring(node)
                if doc:
                    titles.add(doc.splitlines()[0].strip())
    return titles


def failing_section(stage) -> str | None:
    """The text of the chapter's "When a check fails" section, or None when it has none."""
    text = stage.chapter_path.read_text(encoding="utf-8")
    match = re.search(r"^## When a check fails\s*$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    return match.group(1) if match else None


SECTIONS = [pytest.param(stage, id=stage.id) for stage in STAGES
            if stage.checks_dir.is_dir() and stage.chapter_path.is_file() and failing_section(stage) is not None]


@pytest.mark.parametrize("stage", SECTIONS)
def test_quoted_titles_are_real_check_titles(stage):
    """Every `✗ title` of the section is, word for word, the title of one of the stage's checks, and the section
    quotes at least one."""
    quoted = [" ".join(title.split()) for title in QUOTED_TITLE.findall(failing_section(stage))]
    assert quoted, f'the "When a check fails" section of {stage.chapter} names no check by its `✗ title`'
    unknown = [title for title in quoted if title not in check_titles(stage)]
    assert not unknown, f"{stage.chapter} quotes titles no check of {stage.id} has:\n" + "\n".join(unknown)


@pytest.mark.parametrize("stage", SECTIONS)
def test_quoted_messages_speak_json(stage):
    """Inside the section's code spans, values are JSON ("1.0", null), as the grader writes them."""
    spans = re.findall(r"`([^`\n]+)`", failing_section(stage))
    python = [span for span in spans if re.search(r"\b(expected|got):", span) and PYTHON_REPR.search(span)]
    assert not python, f"{stage.chapter} quotes Python reprs where the grader now writes JSON:\n" + "\n".join(python)
