"""What the site's pages include: the snippet lines inside code blocks, resolved to the lines of the files they name.

An include is `--8<-- "PATH"` (the whole file), `--8<-- "PATH:SECTION"` (between the `# --8<-- [start:SECTION]`
and `[end:SECTION]` markers) or `--8<-- "PATH:START:END"` (1-based line numbers), as pymdownx.snippets reads them;
marker lines themselves never show.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from grader.manifest import ROOT, SITE

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>[^\n]*)\n"
                   r"(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
INCLUDE = re.compile(r'^\s*--8<--\s+"(?P<spec>[^"]+)"\s*$', re.M)
MARKER = re.compile(r"--8<-- \[(?P<kind>start|end):(?P<name>[\w-]+)\]")


@dataclass(frozen=True)
class Include:
    """One snippet include of a page: the file it names and the section or line range, if any."""

    page: Path
    path: Path
    section: str | None
    lines: tuple[int, int] | None
    info: str = ""

    @property
    def label(self) -> str:
        """The include as the page writes it, with the page's name."""
        where = f":{self.section}" if self.section else (f":{self.lines[0]}:{self.lines[1]}" if self.lines else "")
        return f"{self.page.relative_to(SITE)}: {self.path.relative_to(ROOT)}{where}"


def pages() -> list[Path]:
    """Every Markdown page of the site."""
    return sorted(page for page in SITE.rglob("*.md") if "generated" not in page.relative_to(SITE).parts)


def parse_include(page: Path, spec: str, info: str = "") -> Include:
    """An Include from the text between the quotes of a snippet line (info: the code block's opening line)."""
    path, *rest = spec.split(":")
    if len(rest) == 2 and all(part.isdigit() for part in rest):
        return Include(page, ROOT / path, None, (int(rest[0]), int(rest[1])), info)
    if len(rest) == 1 and rest[0].isdigit():
        return Include(page, ROOT / path, None, (int(rest[0]), int(rest[0])), info)
    return Include(page, ROOT / path, rest[0] if rest else None, None, info)


def code_includes(page: Path) -> list[Include]:
    """The includes inside the page's fenced code blocks, in order."""
    found = []
    for block in FENCE.finditer(page.read_text(encoding="utf-8")):
        found += [parse_include(page, match["spec"], block["info"].strip())
                  for match in INCLUDE.finditer(block["body"])]
    return found


def included_lines(include: Include) -> list[tuple[int, str]]:
    """The (line number, text) pairs the include shows, marker lines left out."""
    numbered = list(enumerate(include.path.read_text(encoding="utf-8").splitlines(), start=1))
    if include.lines:
        numbered = numbered[include.lines[0] - 1:include.lines[1]]
    elif include.section:
        start = end = None
        for number, text in numbered:
            marker = MARKER.search(text)
            if marker and marker["name"] == include.section:
                start, end = (number, end) if marker["kind"] == "start" else (start, number)
        if start is None or end is None:
            raise LookupError(f"{include.label}: no such section")
        numbered = numbered[start:end - 1]
    return [(number, text) for number, text in numbered if not MARKER.search(text)]


def todo_lines(path: Path) -> set[int]:
    """The line numbers inside the todo-* regions of a file."""
    inside, found = 0, set()
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        marker = MARKER.search(text)
        if marker and marker["name"].startswith("todo-"):
            inside += 1 if marker["kind"] == "start" else -1
        elif inside:
            found.add(number)
    return found
