"""Helpers for the stage 14 checks: the OpenAPI document as data, its operations and answers, a database with two
users, and real answers held against the schemas the document promises.

The document arrives over HTTP as JSON; the validators (openapi-spec-validator, jsonschema) are the checks' own code
and only read it.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import expect
from api_steps import log_in, prepared, ready  # noqa: F401 - this stage's checks import them from here
from grader.plugin import CheckFailed

SPEC = "/openapi.json"
DOCS = "/docs"
COLLECTION = "/api/tasks/"
METHODS = ("get", "put", "post", "delete", "patch")
# The URL map's rules that are the documentation itself (or Flask's), not the API it describes.
NOT_THE_API = ("/openapi.json", "/docs", "/static")
# The contract of chapter 14: the document names the API and its version (APIFlask's defaults are "APIFlask", "0.1.0").
TITLE, VERSION = "Task API", "1.0"


def detail(task_id) -> str:
    """The path of one task."""
    return f"{COLLECTION}{task_id}"


def document(client) -> dict:
    """GET /openapi.json: expect 200 with a JSON object; return it."""
    response = client.get(SPEC)
    expect.status(response, 200, f"GET {SPEC}")
    spec = expect.json_object(response, f"GET {SPEC}")
    expect.that(isinstance(spec.get("paths"), dict), f'the document of GET {SPEC} to have "paths"',
                f"keys {sorted(spec)}")
    return spec


def operation(spec: dict, path: str, method: str) -> dict:
    """The documented operation (method on path); fail when the document has none."""
    item = spec.get("paths", {}).get(path)
    expect.that(isinstance(item, dict), f"the document to describe the path {path}",
                f"the paths {sorted(spec.get('paths', {}))}")
    found = item.get(method)
    expect.that(isinstance(found, dict), f"the document to describe {method.upper()} {path}",
                f"the methods of {path}: {sorted(name.upper() for name in item if name in METHODS)}")
    return found


def operations(spec: dict, prefix: str = ""):
    """Every documented (path, method, operation) whose path starts with prefix."""
    for path, item in sorted(spec.get("paths", {}).items()):
        if path.startswith(prefix) and isinstance(item, dict):
            for method in METHODS:
                if isinstance(item.get(method), dict):
                    yield path, method, item[method]


def pointer(*parts) -> str:
    """A JSON pointer (RFC 6901) to a place in the document."""
    return "#" + "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def resolved(spec: dict, value, seen: int = 0):
    """value, or what its local $ref (#/...) points to in the document."""
    while isinstance(value, dict) and isinstance(value.get("$ref"), str) and value["$ref"].startswith("#/"):
        seen += 1
        if seen > 20:
            raise CheckFailed("the document's $ref to lead somewhere", f"a loop through {value['$ref']}")
        target = spec
        for part in value["$ref"][2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                raise CheckFailed(f"{value['$ref']} to exist in the document", "nothing there")
            target = target[part]
        value = target
    return value


def answers(operation_: dict) -> dict:
    """The documented answers of an operation, by status code (as strings)."""
    return {str(code): answer for code, answer in (operation_.get("responses") or {}).items()}


def json_schema_place(spec: dict, path: str, method: str, code: int, what: str) -> str:
    """The pointer to the JSON schema the document gives for an answer of an operation."""
    operation_ = operation(spec, path, method)
    found = answers(operation_)
    key = next((key for key in (str(code), f"{str(code)[0]}XX", "default") if key in found), None)
    expect.that(key is not None, f"{what}: the document to describe the answer {code} of {method.upper()} {path}",
                f"documented answers {sorted(found)}")
    answer = found[key]
    place = ["paths", path, method, "responses", key]
    if isinstance(answer, dict) and "$ref" in answer:
        # A shared answer (#/components/responses/...): its content is read where it is defined.
        place = answer["$ref"][2:].split("/")
        answer = resolved(spec, answer)
    content = (answer or {}).get("content") or {}
    media = next((name for name in content if name.split(";")[0].strip() == "application/json"), None)
    expect.that(media is not None and isinstance(content[media].get("schema"), dict),
                f"{what}: the document to give a JSON schema for the answer {code} of {method.upper()} {path}",
                f"content types {sorted(content) or '(none)'}")
    return pointer(*[part.replace("~1", "/").replace("~0", "~") for part in place], "content", media, "schema")


def matches(spec: dict, path: str, method: str, response, request: str) -> None:
    """The real answer's JSON body is valid against the schema the document gives for its status code."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    code = response.status_code
    body = expect.json_body(response, request)
    place = json_schema_place(spec, path, method, code, request)
    # The whole document is the root, so that "#/components/schemas/..." resolves as it does for any reader.
    uri = "urn:task-api:openapi"
    registry = Registry().with_resource(uri, Resource(contents=spec, specification=DRAFT202012))
    validator = Draft202012Validator({"$ref": uri + place}, registry=registry)
    try:
        problems = sorted(validator.iter_errors(body), key=lambda error: list(error.absolute_path))
    except Exception as exc:  # noqa: BLE001 - a broken $ref is the document's fault: say so
        raise CheckFailed(f"the schema of the answer {code} of {method.upper()} {path} to be usable",
                          f"{type(exc).__name__}: {exc}") from None
    if problems:
        first = problems[0]
        where = "/".join(str(part) for part in first.absolute_path) or "(the whole body)"
        raise CheckFailed(f"the answer to {request} ({code}) to match the schema the document gives for it",
                          f"at {where}: {first.message[:200]}; the body: {expect.shown(body, 200)}")


def url_map_paths(app) -> dict:
    """{OpenAPI path: {methods}} of the app's own routes (the docs, the document and static files left out)."""
    found = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.startswith("openapi.") or \
                any(rule.rule == name or rule.rule.startswith(name + "/") for name in NOT_THE_API):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        methods = {method.lower() for method in rule.methods} - {"head", "options"}
        found.setdefault(path, set()).update(methods)
    return found


def documented_paths(spec: dict) -> dict:
    """{path: {methods}} the document describes."""
    return {path: {method for method in METHODS if method in item}
            for path, item in spec.get("paths", {}).items() if isinstance(item, dict)}


def bearer_schemes(spec: dict) -> list[str]:
    """The names of the document's HTTP bearer security schemes."""
    schemes = (spec.get("components") or {}).get("securitySchemes") or {}
    return [name for name, scheme in schemes.items() if isinstance(scheme, dict)
            and scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer"]


def security_of(spec: dict, operation_: dict) -> list:
    """The security requirements that apply to an operation: its own, or else the document's."""
    value = operation_.get("security", spec.get("security", []))
    return value if isinstance(value, list) else []


# --- the database and logging in, through the API ---------------------------------------------------------------

def create(client, headers: dict, body: dict):
    """POST a task; expect 201 with the new task in the success envelope; return (the task, the response)."""
    request = f"POST {COLLECTION} with {json.dumps(body)}"
    response = client.post(COLLECTION, json=body, headers=headers)
    task = expect.success(response, 201, request)
    expect.that(isinstance(task, dict), f'the "data" of {request} to be the new task', expect.shown(task, 200))
    expect.key(task, "id", int, where=f"the task {request} answers")
    return task, response


# --- the docs page ------------------------------------------------------------------------------------------------

class PageLoads(HTMLParser):
    """Collects what a browser loads for a page: scripts, style sheets, images (the icon too) and frames."""

    def __init__(self):
        super().__init__()
        self.loads = []

    def handle_starttag(self, tag, attrs):
        """Note the address a loading tag points at."""
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.loads.append((tag, attrs["src"]))
        elif tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower().split()
            if "stylesheet" in rel:
                self.loads.append(("stylesheet", attrs["href"]))
            elif "icon" in rel:
                self.loads.append(("icon", attrs["href"]))
            elif {"preload", "modulepreload"} & set(rel):
                self.loads.append(("link", attrs["href"]))


def page_loads(html: str) -> list[tuple[str, str]]:
    """The (kind, address) pairs a browser loads for the page, plus the document's URL from Swagger UI's config."""
    parser = PageLoads()
    parser.feed(html)
    loads = list(parser.loads)
    # Swagger UI's configuration names the document it fetches: url: "/openapi.json".
    loads += [("document", url) for url in re.findall(r"""\burl\s*:\s*["']([^"']+)["']""", html)]
    loads += [("style", url) for url in re.findall(r"""@import\s+(?:url\()?["']?([^"')\s;]+)""", html)]
    return loads


def external(address: str) -> bool:
    """Whether an address points at another host than the app's own (the test client's "localhost")."""
    parts = urlsplit(address.strip())
    return bool(parts.netloc) and parts.hostname not in ("localhost", "127.0.0.1")
