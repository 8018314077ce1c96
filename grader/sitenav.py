"""mkdocs hook: fill the navigation's "Chapters" section with one page per stage, in the manifest's order."""

import sys
from pathlib import Path

# mkdocs loads a hook as a bare file, not as part of its package, so the repo root must be importable first.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grader.manifest import load_stages  # noqa: E402

SECTION = "Chapters"


def on_config(config, **kwargs):
    """Put the chapters built from course.toml where mkdocs.yml's nav holds "Chapters" (at the end if it does not)."""
    chapters = [{f"{stage.number:02d} · {stage.title}": stage.chapter} for stage in load_stages()]
    nav = [entry for entry in config["nav"] or []]
    place = next((i for i, entry in enumerate(nav) if isinstance(entry, dict) and SECTION in entry), len(nav))
    nav[place:place + 1] = [{SECTION: chapters}]
    config["nav"] = nav
    return config
