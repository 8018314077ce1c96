"""python grade.py reset STAGE [FILE]: put back the starter, after moving the student's version to a backup."""

import json
import re
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
    # A name stays taken after its backup was put back (its ".undone" note), so that names keep their order.
    while folder.exists() or folder.with_name(folder.name + ".undone").exists():
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
        mark_whole(backup)
        console.print(f"Your whole {stage.id} folder is saved in {backup.relative_to(ROOT)}")
    for relative, text in starter.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    console.print(f"Restored {folder.relative_to(ROOT)} to the starter ({len(starter)} files).")
    return 0


def mark_whole(backup: Path) -> None:
    """Note, beside a backup, that it holds a whole stage folder (not only some files of it)."""
    backup.with_name(backup.name + ".json").write_text(json.dumps({"whole": True}) + "\n", encoding="utf-8")


def latest_backup(stage: Stage) -> Path | None:
    """The stage's newest backup folder, by the time in its name."""
    pattern = re.compile(rf"^{re.escape(stage.id)}-(\d{{8}}-\d{{6}})(?:-(\d+))?$")
    found = []
    for path in BACKUPS.glob(f"{stage.id}-*") if BACKUPS.is_dir() else []:
        match = pattern.match(path.name)
        if match and path.is_dir():
            found.append(((match.group(1), int(match.group(2) or 1)), path))
    return max(found)[1] if found else None


def undo(stage: Stage, console: Console) -> int:
    """Put the latest backup back: the whole folder, or the files it holds. What is there now is backed up first,
    so that an undo can be undone too."""
    backup = latest_backup(stage)
    if backup is None:
        raise ResetError(f"There is no backup of {stage.id} in {BACKUPS.relative_to(ROOT)}/ to put back.")
    folder = stage.starter_dir
    marker = backup.with_name(backup.name + ".json")
    whole = marker.is_file() and json.loads(marker.read_text(encoding="utf-8") or "{}").get("whole")
    saved = backup_folder(stage)
    if whole:
        if folder.exists():
            saved.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(folder), saved)
            mark_whole(saved)
        shutil.move(str(backup), folder)
        marker.unlink()
        backup.with_name(backup.name + ".undone").touch()
        console.print(f"Put back your whole {stage.id} folder from {backup.relative_to(ROOT)}.")
    else:
        files = sorted(path.relative_to(backup) for path in backup.rglob("*") if path.is_file())
        for relative in files:
            current = folder / relative
            if current.exists():
                (saved / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(current), saved / relative)
            current.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(backup / relative), current)
            console.print(f"Put back {folder.relative_to(ROOT)}/{relative.as_posix()} from {backup.relative_to(ROOT)}.")
        shutil.rmtree(backup)
        backup.with_name(backup.name + ".undone").touch()
    if saved.exists():
        console.print(f"What was there before is saved in {saved.relative_to(ROOT)} "
                      f"(python grade.py reset --undo {stage.id} puts it back).")
    return 0
