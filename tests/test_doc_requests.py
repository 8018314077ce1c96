"""Every request and shell snippet shown on the site works, tab by tab, and its shown answer is current.

The requests files (solutions/ and docs_src/) and how they run are described in tests/doc_requests.py. Each file's
curl tab and HTTPie tab run once per session, each against its own fresh server; the tests below share those runs.
"""

import functools

import pytest

from grader.manifest import ROOT
from doc_requests import (ANSWERS, TABS, TabRun, expected_answer_files, mask, request_files, run_both_tabs,
                          tab_differences)

FILES = request_files()
RERUN = "run python scripts/render_answers.py"


@functools.cache
def runs_of(file) -> dict[str, TabRun]:
    """Both tab runs of a file, once per test session."""
    return run_both_tabs(file)


def file_params():
    """One pytest param per requests file, named like docs_src/stage-04/requests.sh."""
    return [pytest.param(file, id=file.id) for file in FILES]


@pytest.mark.parametrize("file", file_params())
def test_sections_come_in_pairs(file):
    """NAME-curl and NAME-httpie go together, each written with its own tool; no name is used twice."""
    sections = file.sections()
    assert sections, f"{file.id} has no snippet sections"
    names = [section.name for section in sections]
    assert len(names) == len(set(names)), f"{file.id}: a section name is used twice"
    for section in sections:
        if section.tab:
            partner = section.base + "-" + ("httpie" if section.tab == "curl" else "curl")
            assert partner in names, f"{file.id}: {section.name} has no {partner}"
        if section.tab and section.expected is not None:
            tool = "curl" if section.tab == "curl" else "http"
            assert section.command.split()[0] == tool, f"{file.id}: {section.name} does not use {tool}"


@pytest.mark.parametrize("tab", TABS)
@pytest.mark.parametrize("file", file_params())
def test_tab_works_alone(file, tab):
    """Following only this tab from a fresh database, every request answers as the file expects."""
    run = runs_of(file)[tab]
    assert run.error is None, run.error


@pytest.mark.parametrize("file", file_params())
def test_tabs_answer_alike(file):
    """The HTTPie tab gets the same answers as the curl tab: status, Location and body (volatile values masked)."""
    runs = runs_of(file)
    errors = [run.error for run in runs.values() if run.error]
    if errors:
        pytest.fail("; ".join(errors))
    differences = tab_differences(runs)
    assert not differences, f"{file.id}: the tabs answer differently:\n" + "\n".join(differences)


@pytest.mark.parametrize("file", file_params())
def test_committed_answers_are_current(file):
    """Each answer file under site/generated/answers/ matches a fresh curl run, volatile values masked."""
    run = runs_of(file)["curl"]
    assert run.error is None, run.error
    for name, answer in run.answers.items():
        path = file.answers_dir / f"{name}.txt"
        assert path.is_file(), f"{path.relative_to(ROOT)} is missing: {RERUN}"
        committed = path.read_text(encoding="utf-8")
        assert mask(committed) == mask(answer.text()), f"{path.name} of {file.id} is out of date: {RERUN}"


def test_no_stray_answer_files():
    """site/generated/answers/ holds only the answers of request sections that exist."""
    expected = set().union(*(expected_answer_files(file) for file in FILES))
    stray = sorted(str(path.relative_to(ANSWERS)) for path in ANSWERS.rglob("*.txt") if path not in expected)
    assert not stray, f"answers of sections that no longer exist: {stray[:10]}: {RERUN}"
