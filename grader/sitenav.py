"""mkdocs hook: append one chapter page per stage to the site navigation, in the manifest's order."""

import sys
from pathlib import Path

# mkdocs loads a hook as a bare file, not as part of its package, so the repo root must be importable first.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grader.manifest import load_stages  # noqa: E402


def on_config(config, **kwargs):
    """Add a "Chapters" section built from course.toml to the nav written in mkdocs.yml."""
    chapters = [{f"{stage.number:02d} · {stage.title}": stage.chapter} for stage in load_stages()]
    config["nav"] = list(config["nav"] or []) + [{"Chapters": chapters}]
    return config
