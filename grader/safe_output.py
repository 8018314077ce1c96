"""Text from a submission made safe to print or to write into a gradebook, XML or JSON, and files written whole."""

import os
import re
import tempfile
from pathlib import Path

# Everything below the space but tab and newline, DEL, and the C1 controls (ESC starts terminal escape sequences).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MESSAGE_LIMIT = 2000


def clean(text, limit: int = MESSAGE_LIMIT) -> str:
    """Text without control characters or unpaired surrogates, cut to limit characters."""
    if text is None:
        return ""
    text = str(text).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    text = CONTROL.sub("?", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def csv_cell(value) -> str:
    """A gradebook cell that a spreadsheet will not run as a formula."""
    text = clean(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_atomically(path: Path, text: str) -> None:
    """Write a file so that readers see the old one or the whole new one, never a part."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as writer:
            writer.write(text)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
