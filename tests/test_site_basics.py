"""Site basics: its address, nothing fetched from outside, the navigation's order, the two editions, and set-up
commands that run."""

import importlib.util
import re
import shlex
import subprocess

import pytest
from mkdocs.config import load_config

from grader.manifest import ROOT, SITE, load_stages
from site_build import build_site, html_pages, shown_code_lines
from site_snippets import code_includes, included_lines, pages, parse_include

SOLUTION_COMMENT = re.compile(r"^[ \t]*<!-- solution: (?P<path>[^\s:]+):(?P<section>[\w-]+) -->[ \t]*$", re.M)
FETCHING_TAG = re.compile(r"<(link|script|img|iframe|source|video|audio)\b[^>]*>", re.I)
ADDRESS = re.compile(r"""\b(?:src|href)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I)
CSS_URL = re.compile(r"""(?:url\(|@import\s+)["']?((?:https?:)?//[^"')\s]+)""", re.I)
SHELL_INFOS = ("bash", "sh", "shell", "console")
COMMANDS = ROOT / "scripts" / "shown_commands.sh"


def site_config(monkeypatch, **env):
    """mkdocs.yml as mkdocs reads it, hooks applied, with the given environment variables (others unset)."""
    for name in ("SITE_URL", "COURSE_EDITION"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.plugins.on_config(config)


def test_site_url_is_the_local_address_unless_told(monkeypatch):
    """site_url defaults to where `mkdocs serve` shows the site; SITE_URL (as the Pages workflow sets it) wins."""
    assert site_config(monkeypatch)["site_url"] == "http://127.0.0.1:8000/"
    published = "https://course-org.github.io/flask-api-course/"
    assert site_config(monkeypatch, SITE_URL=published)["site_url"] == published


def test_no_web_fonts(monkeypatch):
    """The theme uses the system's fonts: nothing is fetched from Google Fonts."""
    assert site_config(monkeypatch)["theme"]["font"] is False


def test_instructor_guide_comes_after_the_chapters(monkeypatch):
    """The navigation runs: the student pages, the chapters, then the Instructor guide last."""
    titles = [next(iter(entry)) for entry in site_config(monkeypatch)["nav"]]
    assert titles.index("Chapters") == len(titles) - 2 and titles[-1] == "Instructor guide", titles


def test_built_pages_fetch_nothing_from_outside(student_site):
    """No page or stylesheet loads a font, script, style or image from a host other than the site's own."""
    site_url = "http://127.0.0.1:8000/"
    outside = []
    for page in html_pages(student_site):
        text = page.read_text(encoding="utf-8")
        for tag in FETCHING_TAG.finditer(text):
            outside += [f"{page.relative_to(student_site)}: {url}" for url in ADDRESS.findall(tag[0])
                        if not url.startswith(site_url)]
    for sheet in student_site.rglob("*.css"):
        outside += [f"{sheet.relative_to(student_site)}: {url}"
                    for url in CSS_URL.findall(sheet.read_text(encoding="utf-8"))]
    assert not outside, "loaded from outside hosts:\n" + "\n".join(sorted(set(outside))[:20])


def solution_comments() -> list[tuple[str, str, str]]:
    """(page, path, section) for every instructor-edition solution comment of the site."""
    return [(page.name, match["path"], match["section"]) for page in pages()
            for match in SOLUTION_COMMENT.finditer(page.read_text(encoding="utf-8"))]


def test_solution_comments_name_todo_regions():
    """Each `<!-- solution: PATH:SECTION -->` names an existing todo-* region of a file under solutions/."""
    comments = solution_comments()
    assert comments, "no page marks a reference solution for the instructor edition"
    for page, path, section in comments:
        file = ROOT / path
        assert path.startswith("solutions/") and section.startswith("todo-"), f"{page}: {path}:{section}"
        assert file.is_file() and f"[start:{section}]" in file.read_text(encoding="utf-8"), (
            f"{page}: {path} has no region {section}")


def test_student_edition_hides_the_solution_comments(student_site):
    """The student edition shows neither the comments nor a reference solution block."""
    for page in html_pages(student_site):
        text = page.read_text(encoding="utf-8")
        assert "<!-- solution:" not in text and "<summary>Reference solution" not in text, page


def test_instructor_edition_shows_each_marked_solution(tmp_path):
    """COURSE_EDITION=instructor builds strictly, and each marked todo region's code is on the site."""
    shown = shown_code_lines(build_site(tmp_path / "instructor", "instructor"))
    missing = []
    for page, path, section in solution_comments():
        include = parse_include(SITE / page, f"{path}:{section}")
        code = [text.strip() for _, text in included_lines(include) if text.strip()]
        if not code or not all(line in shown for line in code):
            missing.append(f"{page}: {path}:{section}")
    assert not missing, "the instructor edition lacks:\n" + "\n".join(missing)


@pytest.mark.parametrize("page", [SITE / "index.md", SITE / "setup.md", SITE / "instructors.md"],
                         ids=lambda page: page.stem)
def test_set_up_blocks_show_commands_not_comments(page):
    """The shell blocks of the home, set-up and instructor pages show commands, never commented-out lines."""
    blocks = [include for include in code_includes(page) if include.info.split(" ")[0] in SHELL_INFOS]
    assert blocks, f"{page.name} shows no shell commands"
    for include in blocks:
        lines = [text for _, text in included_lines(include) if text.strip()]
        assert lines and not any(text.lstrip().startswith("#") for text in lines), include.label


def test_shown_commands_are_valid():
    """The commands shown parse as shell, use only setup.sh's options, and grade a stage of the manifest."""
    assert subprocess.run(["bash", "-n", str(COMMANDS)], capture_output=True).returncode == 0
    usage = (ROOT / "setup.sh").read_text(encoding="utf-8")
    stages = {stage.id for stage in load_stages()}
    for line in COMMANDS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words = [word for word in shlex.split(line) if "=" not in word or word.startswith("-")]
        if words[0] == "./setup.sh":
            assert all(f"{option})" in usage or f"{option}|" in usage or f"|{option}" in usage
                       for option in words[1:] if option.startswith("--")), line
        elif words[:2] == ["python", "grade.py"]:
            assert words[2] in stages, line
        else:
            assert words == ["source", ".venv/bin/activate"], line


def load_edition_hook():
    """Import site_hooks/edition.py as mkdocs does, as a bare file."""
    spec = importlib.util.spec_from_file_location("edition", ROOT / "site_hooks" / "edition.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_edition_hook_drops_or_expands_solution_lines():
    """Student: the comment line goes; instructor: a collapsed block at the comment's indent, titled by the file."""
    hook = load_edition_hook()
    page = "1. Write the list.\n\n    <!-- solution: solutions/stage-05/app/tasks/routes.py:todo-list -->\n\nNext.\n"
    assert hook.render(page, "student") == "1. Write the list.\n\n\nNext.\n"
    expanded = hook.render(page, "instructor")
    assert '    ??? example "Reference solution (instructors)"\n' in expanded
    assert '        ```python title="app/tasks/routes.py"\n' in expanded
    assert '        --8<-- "solutions/stage-05/app/tasks/routes.py:todo-list"\n' in expanded
    assert expanded.endswith("Next.\n")
