"""The site builds strictly, its code all comes from tested files, and every hint points at a real section."""

import re

import pytest

from grader.manifest import ROOT, SITE, load_stages
from grader.report import chapter_sections

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)[^\n]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
                   re.M | re.S)
SNIPPET_LINE = re.compile(r'^\s*--8<--\s+"[^"]+"\s*$')
HINT_SECTION = re.compile(r'section="([^"]+)"')


def test_site_builds_strictly(student_site):
    """mkdocs build --strict succeeds (a missing snippet, page or link fails it); the build is shared per session."""
    assert (student_site / "index.html").is_file()


@pytest.mark.parametrize("page", sorted(SITE.rglob("*.md")), ids=lambda p: str(p.relative_to(SITE)))
def test_code_blocks_are_included_not_pasted(page):
    """Every fenced code block holds only snippet includes: no code typed into Markdown."""
    for match in FENCE.finditer(page.read_text(encoding="utf-8")):
        lines = [line for line in match["body"].splitlines() if line.strip()]
        pasted = [line for line in lines if not SNIPPET_LINE.match(line)]
        assert lines and not pasted, f"{page.name}: code typed into the page: {pasted[:3]}"


@pytest.mark.parametrize("stage", load_stages(), ids=lambda s: s.id)
def test_chapter_page_exists(stage):
    """Each stage in the manifest has its chapter page."""
    assert stage.chapter_path.is_file()


@pytest.mark.parametrize("stage", load_stages(), ids=lambda s: s.id)
def test_every_hint_names_a_real_section(stage):
    """A check's hint sends the student to a heading that exists on the stage's chapter page."""
    sections = chapter_sections(stage)
    for path in stage.checks_dir.glob("*.py"):
        for section in HINT_SECTION.findall(path.read_text(encoding="utf-8")):
            assert section in sections, f"{path.name}: no heading with anchor #{section} in {stage.chapter}"


def test_navigation_follows_the_manifest():
    """The site's chapter list is the manifest's stage list, in order."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config) if hasattr(config, "plugins") else config
    chapters = next(entry["Chapters"] for entry in config["nav"] if isinstance(entry, dict) and "Chapters" in entry)
    assert [list(item.values())[0] for item in chapters] == [stage.chapter for stage in load_stages()]
