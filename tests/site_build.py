"""Build the course site with mkdocs, in either edition, and read the code its pages show."""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

from grader.manifest import ROOT

CODE = re.compile(r"<code[^>]*>(.*?)</code>", re.S)
TAG = re.compile(r"<[^>]+>")


class BuildFailed(RuntimeError):
    """mkdocs build --strict did not succeed."""


def build_site(destination: Path, edition: str = "student") -> Path:
    """Build the site strictly into destination, for the local address, and return that folder."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", COURSE_EDITION=edition)
    env.pop("SITE_URL", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(destination)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise BuildFailed(f"mkdocs build --strict ({edition} edition) failed:\n{result.stdout}{result.stderr}")
    return destination


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site."""
    return sorted(site.rglob("*.html"))


def shown_code_lines(site: Path) -> set[str]:
    """Every non-blank line of every <code> element of the built site, stripped of markup and outer spaces."""
    lines = set()
    for page in html_pages(site):
        for block in CODE.findall(page.read_text(encoding="utf-8", errors="replace")):
            text = html.unescape(TAG.sub("", block))
            lines.update(line.strip() for line in text.splitlines() if line.strip())
    return lines
