"""mkdocs hook: the student edition drops each `<!-- solution: PATH:SECTION -->` line of a page; the instructor
edition (COURSE_EDITION=instructor) puts a collapsed reference solution there, which pymdownx.snippets fills in."""

import os
import re
from pathlib import PurePosixPath

from mkdocs.exceptions import PluginError

EDITIONS = ("student", "instructor")
SOLUTION = re.compile(r"^(?P<indent>[ \t]*)<!-- solution: (?P<path>[^\s:]+):(?P<section>[\w-]+) -->[ \t]*(\n|\Z)",
                      re.M)
LANGUAGES = {".py": "python", ".sh": "bash", ".toml": "toml", ".ini": "ini"}
TITLE = "Reference solution (instructors)"


def edition() -> str:
    """The edition COURSE_EDITION asks for (student when unset)."""
    name = os.environ.get("COURSE_EDITION") or "student"
    if name not in EDITIONS:
        raise PluginError(f"COURSE_EDITION={name!r}: use one of {', '.join(EDITIONS)}")
    return name


def shown_path(path: str) -> str:
    """The path a student sees: solutions/stage-04/app/models.py becomes app/models.py."""
    parts = PurePosixPath(path).parts
    return str(PurePosixPath(*parts[2:])) if parts[0] == "solutions" and len(parts) > 2 else path


def reference_block(match: re.Match) -> str:
    """A collapsed admonition holding the snippet include of the comment's PATH:SECTION."""
    indent, path = match["indent"], match["path"]
    language = LANGUAGES.get(PurePosixPath(path).suffix, "text")
    lines = [f'??? example "{TITLE}"', "",
             f'    ```{language} title="{shown_path(path)}"', f'    --8<-- "{path}:{match["section"]}"', "    ```"]
    return "\n" + "".join(f"{indent}{line}\n".replace(f"{indent}\n", "\n") for line in lines) + "\n"


def render(markdown: str, name: str) -> str:
    """The page's Markdown for the given edition."""
    return SOLUTION.sub(reference_block if name == "instructor" else "", markdown)


def on_config(config, **kwargs):
    """Mark the instructor edition in the site's name, so that nobody mistakes it for the students' site."""
    if edition() == "instructor":
        config["site_name"] = f"{config['site_name']} (instructor edition)"
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    """Drop or expand the page's solution comments."""
    return render(markdown, edition())
