"""Assertions for checks that explain, in a student's terms, what was expected and what happened."""

import json
import re

from grader.plugin import CheckFailed

BODY_EXCERPT = 300


def describe(response) -> str:
    """Summarize a response: status, content type and the start of its body."""
    body = " ".join(response.get_data(as_text=True).split())
    title = re.search(r"<title>(.*?)</title>", body, flags=re.S | re.I) if response.mimetype == "text/html" else None
    if title:
        body = f"an HTML page titled {title.group(1).strip()!r} (Flask's default page, not JSON)"
    if len(body) > BODY_EXCERPT:
        body = body[:BODY_EXCERPT] + "…"
    kind = response.mimetype or "no content type"
    return f"{response.status_code} ({kind}) with body: {body.strip() or '(empty)'}"


def shown(value, limit: int = 300) -> str:
    """A value as the chapters write it: JSON (null, true, {"status": "ok"}) when it is JSON data, else its repr;
    cut to limit characters."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def that(condition: bool, expected: str, got: str, detail: str | None = None) -> None:
    """Fail the check unless condition holds."""
    if not condition:
        raise CheckFailed(expected, got, detail)


def status(response, code: int, request: str = "the request") -> None:
    """The response has the given status code."""
    that(response.status_code == code, f"{request} to answer with status {code}", describe(response))


def json_body(response, request: str = "the response"):
    """The response is JSON (by content type and by content); return the parsed body."""
    that(response.is_json, f"{request} to be JSON (Content-Type: application/json)", describe(response))
    try:
        return json.loads(response.get_data(as_text=True))
    except ValueError:
        raise CheckFailed(f"{request} to hold valid JSON", describe(response)) from None


def json_object(response, request: str = "the response") -> dict:
    """The response is a JSON object; return it."""
    body = json_body(response, request)
    that(isinstance(body, dict), f"{request} to be a JSON object {{...}}", f"{_json_kind(body)}: {shown(body, 200)}")
    return body


def key(body: dict, name: str, kind=None, where: str = "the JSON body"):
    """The object has the key (of the given type, if any); return its value."""
    that(name in body, f'{where} to have a "{name}" key', f"keys {sorted(body)}")
    value = body[name]
    if kind is not None:
        that(isinstance(value, kind) and not (kind is int and isinstance(value, bool)),
             f'"{name}" to be {_kind_name(kind)}', shown(value, 200))
    return value


def equal(actual, expected, what: str) -> None:
    """Two values are equal."""
    that(actual == expected, f"{what} to be {shown(expected)}", shown(actual))


def _json_kind(value) -> str:
    """The JSON name of a value's type: an array, a string, a number, true or false, null."""
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return "null" if value is None else f"a {type(value).__name__}"


def _kind_name(kind) -> str:
    """A readable name for a type or tuple of types."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "a string", int: "an integer", list: "a list", dict: "an object", bool: "true or false",
             type(None): "null"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def success(response, code: int = 200, request: str = "the request"):
    """The response is a success envelope {"status": "success", "data": ...}; return the data."""
    status(response, code, request)
    body = json_object(response, request)
    that("data" in body and body.get("status") == "success",
         'a success envelope {"status": "success", "data": ...}', _excerpt(body))
    return body["data"]


def error(response, code: int, request: str = "the request") -> str:
    """The response is an error envelope {"status": "error", "error": {"message": ...}}; return the message."""
    status(response, code, request)
    body = json_object(response, request)
    detail = body.get("error")
    that(body.get("status") == "error" and isinstance(detail, dict) and isinstance(detail.get("message"), str),
         'an error envelope {"status": "error", "error": {"message": "..."}}', _excerpt(body))
    message = detail["message"]
    that(bool(message.strip()), "a non-empty error message", shown(message))
    return message


def _excerpt(body) -> str:
    """A JSON body, shortened for a message."""
    text = json.dumps(body)
    return text if len(text) <= BODY_EXCERPT else text[:BODY_EXCERPT] + "…"


def tasks_reached(response, request: str):
    """The response, unless the task collection URL was not found: then say the tasks blueprint is missing."""
    if response.status_code == 404:
        raise CheckFailed(f"{request} to reach the task routes (a 404 here means the tasks blueprint is not "
                          'registered with url_prefix="/api/tasks")', describe(response))
    return response


# SQLAlchemy's own URL pattern (sqlalchemy.engine.url._parse_url): importing SQLAlchemy in the checks' process
# for one check costs a quarter of a second.
DATABASE_URL = re.compile(r"""
    (?P<name>[\w\+]+)://
    (?:
        (?P<username>[^:/]*)
        (?::(?P<password>[^@]*))?
    @)?
    (?:
        (?:
            \[(?P<ipv6host>[^/\?]+)\] |
            (?P<ipv4host>[^/:\?]+)
        )?
        (?::(?P<port>[^/\?]*))?
    )?
    (?:/(?P<database>[^\?]*))?
    (?:\?(?P<query>.*))?
    """, re.X)


def is_in_memory(uri) -> bool:
    """Whether a database URL names a private in-memory SQLite database, as SQLAlchemy's make_url reads it."""
    from urllib.parse import unquote

    if not isinstance(uri, str):
        return False
    match = DATABASE_URL.match(uri)
    if match is None:
        return False
    if match["port"] is not None:
        # make_url refuses a port that is not a number (an empty one too).
        try:
            int(match["port"])
        except ValueError:
            return False
    database = match["database"]
    return match["name"].split("+")[0] == "sqlite" and (database is None or unquote(database) in ("", ":memory:"))
