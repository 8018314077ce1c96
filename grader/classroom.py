"""The result GitHub Classroom's reporter reads: python grade.py STAGE --classroom.

The reporter (classroom-resources/autograding-grading-reporter) takes each runner's result, base64-encoded, from one
environment variable, and Linux refuses a variable over 128 KiB. So this form of --json is compact: no test_code, no
environment, short messages, and a hard cap on its size. It must also add up the same way in both of the reporter's
sums: Classroom's points add each test's `score`, while the log of some releases shows passed/total × max_score. A
check worth w points is therefore listed as w tests of one point each, so that both sums count weights.

Every call gives a valid result, an error result with 0 points when the stage cannot be graded at all, so that one
broken stage never stops the reporter from reporting the others.
"""

import json
import tempfile
from pathlib import Path

from .manifest import Stage
from .safe_output import clean

# The JSON's size in bytes; base64 makes it a third larger: 48 KiB → 64 KiB, half of Linux's limit per variable.
SIZE_LIMIT = 48 * 1024
MESSAGE_CHARS = 300


def runner_id(stage: Stage) -> str:
    """The reporter accepts runner ids of letters and digits only: stage-04 → stage04."""
    return "".join(char for char in stage.id if char.isalnum())


def classroom_result(outcome) -> dict:
    """The compact Classroom form of a grading outcome."""
    from .report import chapter_sections, hint_text

    if outcome.error:
        error = outcome.error
        where = f" ({error['file']}, line {error['line']})" if error.get("file") else ""
        return error_result(outcome.stage, f"{error['message']}{where}", outcome.max_score)
    sections = chapter_sections(outcome.stage)
    tests = []
    for check in outcome.checks:
        status = check["status"] if check["status"] in ("pass", "fail") else "error"
        message = None
        if status != "pass":
            message = check.get("message") or "failed"
            if check.get("expected"):
                message = f"{message} Expected {check['expected']}; got {check.get('got')}."
            hint = hint_text(check, outcome.stage, sections)
            if hint:
                message = f"{message}\nHint: {hint}"
        weight = max(int(check["weight"]), 0)
        for point in range(1, weight + 1):
            name = check["title"] if weight == 1 else f"{check['title']} (point {point} of {weight})"
            tests.append({"name": clean(name, 200), "status": status,
                          "message": clean(message, MESSAGE_CHARS) if message and point == 1 else None,
                          "score": 1 if status == "pass" else 0, "max_score": 1, "line_no": 0})
    return fit({"version": 3, "status": outcome.status, "message": None, "stage": outcome.stage.id,
                "score": outcome.score, "max_score": outcome.max_score, "tests": tests})


def error_result(stage: Stage, message: str, max_score: int) -> dict:
    """A stage that could not be graded: one test worth the stage's points, with 0 of them."""
    message = clean(message, MESSAGE_CHARS)
    return {"version": 3, "status": "error", "message": message, "stage": stage.id, "score": 0,
            "max_score": max_score,
            "tests": [{"name": f"Grading {stage.id}", "status": "error", "message": message, "score": 0,
                       "max_score": max_score, "line_no": 0}]}


def fit(result: dict) -> dict:
    """Shorten the messages until the result is under SIZE_LIMIT; as a last resort, drop them."""
    for limit in (MESSAGE_CHARS, 120, 40, 0):
        for test in result["tests"]:
            if test["message"]:
                test["message"] = clean(test["message"], limit) if limit else None
        if len(encode(result)) <= SIZE_LIMIT:
            return result
    for test in result["tests"]:
        test["name"] = clean(test["name"], 60)
    return result


def encode(result: dict) -> bytes:
    """The bytes grade.py prints."""
    return (json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def stage_max(stage: Stage, sandbox: bool | None = None) -> int:
    """The stage's points, found by grading an empty folder (every check is then listed, in error)."""
    from .run import grade

    with tempfile.TemporaryDirectory(prefix="grade-empty-") as empty:
        try:
            return grade(stage, Path(empty), sandbox=sandbox).max_score
        except Exception:  # noqa: BLE001 - an error result must still come out
            return 0
