"""Read the course manifest (course.toml): the ordered list of stages."""

import re
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "course.toml"
SITE = ROOT / "site"


@dataclass(frozen=True, eq=False)
class Stage:
    """One stage of the course, as the manifest lists it."""

    id: str
    title: str
    chapter: str
    builds: str
    app: str
    number: int
    smoke: str = "/"
    flask_app: str = "app"
    weights: dict = field(default_factory=dict)
    prepare: list = field(default_factory=list)
    # "app": the checks grade the student's app; "tests": the student writes tests/ and grader/suite.py grades them.
    kind: str = "app"

    @property
    def starter_dir(self) -> Path:
        """The folder the student edits."""
        return ROOT / "stages" / self.id

    @property
    def solution_dir(self) -> Path:
        """The reference solution."""
        return ROOT / "solutions" / self.id

    @property
    def checks_dir(self) -> Path:
        """The stage's check suite."""
        return ROOT / "checks" / self.id

    @property
    def chapter_path(self) -> Path:
        """The chapter page's Markdown file."""
        return SITE / self.chapter


class UnknownStage(ValueError):
    """A stage name that is not in the manifest."""


def load_stages(path: Path = MANIFEST) -> list[Stage]:
    """Return every stage in manifest order."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    stages = []
    for entry in data["stage"]:
        number = int(entry["id"].removeprefix("stage-"))
        stages.append(Stage(number=number, **entry))
    return stages


def find_stage(name: str, stages: list[Stage] | None = None) -> Stage:
    """Resolve 'stage-04', '04' or '4' to a stage; raise UnknownStage otherwise."""
    stages = load_stages() if stages is None else stages
    match = re.fullmatch(r"(?:stage-?)?0*(\d+)", name.strip().lower())
    if match:
        for stage in stages:
            if stage.number == int(match.group(1)):
                return stage
    valid = ", ".join(stage.id for stage in stages)
    raise UnknownStage(f"There is no stage called {name!r}. Valid stages: {valid}.")
