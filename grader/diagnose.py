"""Why a check failed, beyond its own assertion: a request that reached a part not written yet, and the same
request as a command to paste (HTTPie, or curl).

The remote client (grader/remote.py) records every request of a check and the start of its answer. A failing check
is *blocked* rather than wrong when one of those answers is the starter's 501 stub ("Not implemented yet: see the
TODO in app.py.") or a 404/405 for a route the app does not have yet: the student's next step is that TODO, not the
check's own hint. Everything here reads data only (answers, rule strings, the student's files as text).
"""

import json
import re
import shlex
from pathlib import Path

STUB = re.compile(r"Not implemented yet: see the TODO in ([\w./-]+?)\.?(?=[\"'\s}]|$)")
DEF = re.compile(r"^\s*(?:async\s+)?def\s+(\w+)\s*\(")
SERVER = ":5000"
CURL_SERVER = "http://127.0.0.1:5000"


def blocked_by(exchanges: list[dict], folder: str | None, expected: str | None) -> dict | None:
    """The last request of the check that hit a part not written yet, described; None when there is none.

    A 404 or 405 counts only when no rule of the app takes that request and the check did not expect that status
    (a check about the JSON 404 page asks for a missing URL on purpose)."""
    for item in reversed(exchanges):
        status = item.get("status")
        if status == 501:
            match = STUB.search(item.get("body") or "")
            if match:
                todo = _todo_name(item, match.group(1), folder)
                return _describe(item, f"still answers 501 (TODO in {todo})", todo)
        elif status in (404, 405) and str(status) not in (expected or ""):
            verdict = _route_verdict(item)
            if verdict:
                return _describe(item, verdict)
    return None


def _describe(item: dict, what: str, todo: str | None = None) -> dict:
    """The blocked-by record kept with the check's result (the path as the app's rule writes it, when one takes it:
    GET /api/tasks/<task_id>)."""
    request = item["request"]
    rule = _match(item)
    path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"<\1>", rule[1]) if rule else request["path"].split("?")[0]
    needs = f"{request['method']} {path}"
    return {"request": needs, "status": item["status"], "text": f"this check needs {needs}, which {what}",
            "todo": todo, "sent": request}


def _rules(item: dict):
    """The app's URL rules as a werkzeug map bound for matching, or None when they cannot be had."""
    from werkzeug.routing import Map, Rule

    app = item.get("app")
    try:
        rules = app.url_map.iter_rules() if app is not None else []
        return Map([Rule(rule.rule, endpoint=rule.endpoint, methods=rule.methods) for rule in rules],
                   strict_slashes=False).bind("localhost")
    except Exception:  # noqa: BLE001 - a custom converter, a worker that has gone: no diagnosis, not a crash
        return None


def _route_verdict(item: dict) -> str | None:
    """For a 404/405: 'answers 404: no route …' when the app has no rule for the request; else None."""
    from werkzeug.exceptions import MethodNotAllowed, NotFound

    adapter = _rules(item)
    if adapter is None:
        return None
    request = item["request"]
    path = request["path"].split("?")[0]
    try:
        adapter.match(path, method=request["method"])
    except MethodNotAllowed:
        return f"answers {item['status']}: no route takes {request['method']} there yet"
    except NotFound:
        return f"answers {item['status']}: no route matches it yet"
    except Exception:  # noqa: BLE001 - a redirect or anything else: the route exists
        return None
    return None


def _match(item: dict) -> tuple[str, str] | None:
    """(endpoint, rule) that answered the request, as the app's rules say; None when none does."""
    adapter = _rules(item)
    if adapter is None:
        return None
    try:
        rule, _ = adapter.match(item["request"]["path"].split("?")[0], method=item["request"]["method"],
                                return_rule=True)
    except Exception:  # noqa: BLE001
        return None
    return str(rule.endpoint), rule.rule


def _endpoint(item: dict) -> str | None:
    """The endpoint that answered the request."""
    found = _match(item)
    return found[0] if found else None


def _todo_name(item: dict, file: str, folder: str | None) -> str:
    """'app.py: list_tasks': the stub's file and the function whose stub answered (or the file alone)."""
    stubs = stub_functions(Path(folder) / file) if folder else []
    endpoint = (_endpoint(item) or "").rsplit(".", 1)[-1]
    if endpoint in stubs:
        return f"{file}: {endpoint}"
    if len(stubs) == 1:
        return f"{file}: {stubs[0]}"
    return file


def stub_functions(path: Path) -> list[str]:
    """The functions of a file (read as text) that still hold the starter's 501 stub."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found, current = [], None
    for line in lines:
        match = DEF.match(line)
        if match:
            current = match.group(1)
        elif current and STUB.search(line) and current not in found:
            found.append(current)
    return found


def reproduce(request: dict | None, curl: bool = False) -> str | None:
    """The request as a command to paste while the app runs with `flask run`; None when it cannot be written."""
    if not request or request.get("too_large"):
        return None
    return _curl(request) if curl else _httpie(request)


def _query(request: dict) -> list[tuple[str, str]]:
    """The query string's pairs."""
    from urllib.parse import parse_qsl

    query = request.get("query_string")
    if isinstance(query, dict):
        return [(str(k), str(v)) for k, v in query.items()]
    if isinstance(query, (str, bytes)):
        return parse_qsl(query if isinstance(query, str) else query.decode("utf-8", "replace"))
    return []


def _httpie(request: dict) -> str:
    """An HTTPie command: `http POST :5000/api/tasks title="Write tests"`."""
    parts = ["http", request["method"], SERVER + request["path"]]
    parts += [f"{name}=={value}" for name, value in _query(request)]
    parts += [f"{name}:{value}" for name, value in (request.get("headers") or {}).items()]
    stdin = None
    if "json" in request:
        body = request["json"]
        if isinstance(body, dict) and body and all(isinstance(k, str) and k and not set(k) & set("=:@\\[]")
                                                   for k in body):
            for name, value in body.items():
                parts.append(f"{name}={value}" if isinstance(value, str) else f"{name}:={json.dumps(value)}")
        elif isinstance(body, dict) and not body:
            stdin = "{}"
        else:
            stdin = json.dumps(body)
        if stdin is not None:
            parts.insert(1, "--json")
    elif "data" in request:
        data = request["data"]
        if isinstance(data, dict):
            parts.insert(1, "--form")
            parts += [f"{name}={value}" for name, value in data.items()]
        else:
            if request.get("content_type"):
                parts.append(f"Content-Type:{request['content_type']}")
            stdin = str(data)
    command = " ".join(shlex.quote(part) for part in parts)
    if stdin is not None:
        command += " <<< " + shlex.quote(stdin)
    return command


def _curl(request: dict) -> str:
    """A curl command: `curl -i -X POST http://127.0.0.1:5000/api/tasks -H '…' -d '…'`."""
    from urllib.parse import urlencode

    url = CURL_SERVER + request["path"]
    pairs = _query(request)
    if pairs:
        url += ("&" if "?" in url else "?") + urlencode(pairs)
    parts = ["curl", "-i", "-X", request["method"], url]
    for name, value in (request.get("headers") or {}).items():
        parts += ["-H", f"{name}: {value}"]
    if "json" in request:
        parts += ["-H", "Content-Type: application/json", "-d", json.dumps(request["json"])]
    elif "data" in request:
        data = request["data"]
        if isinstance(data, dict):
            for name, value in data.items():
                parts += ["--data-urlencode", f"{name}={value}"]
        else:
            if request.get("content_type"):
                parts += ["-H", f"Content-Type: {request['content_type']}"]
            parts += ["--data-binary", str(data)]
    return " ".join(shlex.quote(part) for part in parts)
