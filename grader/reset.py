"""python grade.py reset STAGE [FILE]: put back the starter, after moving the student's version to a backup."""

import shutil
import time
from pathlib import Path

from rich.console import Console

from .manifest import ROOT, Stage
from .starters import generate

BACKUPS = ROOT / ".grade-backups"


class ResetError(ValueError):
    """The reset cannot be done as asked."""


def backup_folder(stage: Stage) -> Path:
    """A new, timestamped folder for this reset's backup."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = BACKUPS / f"{stage.id}-{stamp}"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = BACKUPS / f"{stage.id}-{stamp}-{suffix}"
    return folder


def reset(stage: Stage, file: str | None, console: Console) -> int:
    """Restore one file or the whole stage; the student's current version is moved aside first, never deleted."""
    starter = generate(stage)
    if not starter:
        raise ResetError(f"{stage.id} has no starter to restore.")
    folder = stage.starter_dir
    if file is not None:
        relative = Path(file).as_posix().removeprefix(f"stages/{stage.id}/")
        if relative not in starter:
            raise ResetError(f"{file} is not a file of the {stage.id} starter. Its files: {', '.join(sorted(starter))}.")
        current = folder / relative
        if current.is_file() and current.read_text(encoding="utf-8", errors="replace") == starter[relative]:
            console.print(f"{relative} is already as shipped; nothing to do.")
            return 0
        backup = backup_folder(stage)
        if current.exists():
            (backup / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(current), backup / relative)
            console.print(f"Your {relative} is saved in {backup.relative_to(ROOT)}/{relative}")
        current.parent.mkdir(parents=True, exist_ok=True)
        current.write_text(starter[relative], encoding="utf-8")
        console.print(f"Restored {folder.relative_to(ROOT)}/{relative} to the starter.")
        return 0
    backup = backup_folder(stage)
    if folder.exists():
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(folder), backup)
        console.print(f"Your whole {stage.id} folder is saved in {backup.relative_to(ROOT)}")
    for relative, text in starter.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    console.print(f"Restored {folder.relative_to(ROOT)} to the starter ({len(starter)} files).")
    return 0
