"""Fuzz an app through its own OpenAPI document with schemathesis, in this process, and print a JSON summary.

Run from a copy of a stage's app folder: python fuzz_openapi.py EXAMPLES SCRATCH. The app is built with
create_app("testing") (a private in-memory database, migrated and seeded with flask db upgrade and init-db); every
request carries an admin's access token. Each operation gets EXAMPLES well-formed requests (checked for no 5xx and
for answers that match the document) and EXAMPLES malformed ones (checked for no 5xx), derandomized so that two runs
send the same requests.
"""

import json
import sys
import time
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                                status_code_conformance)

CONFORMANCE = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SEEDED_ADMIN = {"username": "admin", "password": "password"}
KEPT_FAILURES = 20
# A seeded task that the run never deletes (DELETE only meets random ids): the other task operations reach it too.
KEPT_TASK = 1


def prepared_app(scratch: Path):
    """The app in testing mode, its database migrated and seeded, its outbox in scratch."""
    sys.path.insert(0, str(Path.cwd()))
    from app import create_app

    app = create_app("testing", {"OUTBOX_PATH": str(scratch / "outbox.jsonl")})
    runner = app.test_cli_runner()
    for args in (["db", "upgrade"], ["init-db"]):
        result = runner.invoke(args=args)
        if result.exit_code != 0:
            raise SystemExit(f"flask {' '.join(args)} failed: {result.output}")
    return app


def access_token(app) -> str:
    """Log in as the seeded admin through the API."""
    response = app.test_client().post("/auth/login", json=SEEDED_ADMIN)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["access_token"]


def fuzz(app, examples: int) -> dict:
    """Send every operation of the app's document EXAMPLES positive and EXAMPLES negative requests; summarize."""
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    headers = {"Authorization": f"Bearer {access_token(app)}"}
    summary = {"operations": 0, "examples": 0, "server_errors": 0, "failures": [], "by_operation": {}}
    for result in schema.get_all_operations():
        operation = result.ok()
        summary["operations"] += 1
        started = time.perf_counter()
        for mode, checks in ((GenerationMode.POSITIVE, CONFORMANCE), (GenerationMode.NEGATIVE, [not_a_server_error])):
            send_examples(operation, mode, checks, headers, examples, summary)
        if "{task_id}" in operation.path and operation.method.upper() != "DELETE":
            # Random ids almost never name a row: these requests reach an existing task (seeded, never deleted).
            send_examples(operation, GenerationMode.POSITIVE, CONFORMANCE, headers, examples, summary,
                          path_parameters={"task_id": KEPT_TASK})
        summary["by_operation"][operation.label]["seconds"] = round(time.perf_counter() - started, 1)
    return summary


def send_examples(operation, mode, checks, headers: dict, examples: int, summary: dict, **fixed) -> None:
    """Send one operation's generated requests of one mode, recording statuses, 5xx and failed checks."""
    counts = summary["by_operation"].setdefault(operation.label, {"examples": 0, "server_errors": 0, "statuses": {}})

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode, headers=headers, **fixed))
    def send(case):
        """Send one generated request and record what its answer broke."""
        counts["examples"] += 1
        summary["examples"] += 1
        try:
            response = case.call()
        except Exception as exc:  # noqa: BLE001 - testing propagates what production would answer with a 500
            counts["server_errors"] += 1
            summary["server_errors"] += 1
            record(summary, operation.label, mode, "raised", case, f"{type(exc).__name__}: {exc}")
            return
        status = str(response.status_code)
        counts["statuses"][status] = counts["statuses"].get(status, 0) + 1
        if response.status_code >= 500:
            counts["server_errors"] += 1
            summary["server_errors"] += 1
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - each failure is recorded; the run goes on
            record(summary, operation.label, mode, status, case, str(exc))

    try:
        send()
    except Unsatisfiable:
        # An operation with no parameters and no body (GET /health) has nothing a malformed request could change.
        if mode is not GenerationMode.NEGATIVE:
            raise


def record(summary: dict, label: str, mode, status: str, case, problem: str) -> None:
    """Keep one failure (the first KEPT_FAILURES of them) with the request that caused it."""
    if len(summary["failures"]) < KEPT_FAILURES:
        summary["failures"].append({"operation": label, "mode": mode.value, "status": status,
                                    "request": f"{case.method} {case.formatted_path}", "body": repr(case.body)[:200],
                                    "problem": problem[:1500]})


def main() -> None:
    """Fuzz the app in the current folder and print the summary as JSON."""
    examples, scratch = int(sys.argv[1]), Path(sys.argv[2])
    started = time.perf_counter()
    summary = fuzz(prepared_app(scratch), examples)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
