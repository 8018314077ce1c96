"""Stage 14 · The docs page: /docs works without the internet (Swagger UI's files come from the app itself), and
DOCS_ASSETS=cdn still lets it load them from the CDN."""

from urllib.parse import urljoin

import pytest

import expect
from docs_steps import DOCS, external, page_loads

LOCAL_HINT = ("APIFlask's page loads Swagger UI from cdn.jsdelivr.net (a blank page offline) and its icon from "
              "apiflask.com. Point SWAGGER_UI_CSS, SWAGGER_UI_BUNDLE_JS, SWAGGER_UI_STANDALONE_PRESET_JS and "
              "DOCS_FAVICON at the app's own /docs/assets/... routes.")


def docs_page(client, request: str = f"GET {DOCS}") -> str:
    """GET /docs: expect 200 with an HTML page; return it."""
    response = client.get(DOCS)
    expect.status(response, 200, request)
    expect.that(response.mimetype == "text/html", f"{request} to answer with an HTML page", expect.describe(response))
    return response.get_data(as_text=True)


def swagger_ui(loads: list, request: str) -> None:
    """The page loads Swagger UI: a script whose address names swagger-ui."""
    scripts = [address for kind, address in loads if kind == "script"]
    expect.that(any("swagger-ui" in address for address in scripts), f"{request} to load Swagger UI's script",
                f"scripts {expect.shown(scripts)}")


@pytest.mark.hint(LOCAL_HINT, section="docs-that-work-offline", todo="todo-local-assets")
def test_docs_page_loads_nothing_from_elsewhere(client):
    """GET /docs answers an HTML page that loads no script, style sheet or image from another host"""
    loads = page_loads(docs_page(client))
    swagger_ui(loads, f"GET {DOCS}")
    outside = [address for _, address in loads if external(address)]
    expect.that(not outside, f"GET {DOCS} to load everything from the app itself (no other host: the labs are "
                "offline)", f"loaded from elsewhere: {', '.join(outside)}")


@pytest.mark.hint("Serve Swagger UI's files from the app (the flask-swagger-ui package ships them in its dist "
                  "folder), at the addresses the docs page names.", section="docs-that-work-offline",
                  todo="todo-local-assets")
def test_docs_assets_answer(client):
    """Every file the docs page loads from the app (Swagger UI's files, its icon, the document) answers 200"""
    loads = [(kind, address) for kind, address in page_loads(docs_page(client)) if not external(address)]
    swagger_ui(loads, f"GET {DOCS}")
    for kind, address in loads:
        address = urljoin(DOCS, address)
        response = client.get(address)
        # Not expect.status: it shows the body as text, and an icon is binary.
        expect.that(response.status_code == 200, f"GET {address} (a {kind} the docs page loads) to answer with "
                    "status 200", f"{response.status_code} ({response.mimetype or 'no content type'})")
        expect.that(len(response.get_data()) > 0, f"GET {address} to answer with the file", "an empty body")


@pytest.mark.hint('Keep the CDN as an option: with DOCS_ASSETS=cdn the factory leaves APIFlask\'s own CDN addresses '
                  'in place.', section="docs-that-work-offline", todo="todo-local-assets")
def test_cdn_is_an_option(app_module, monkeypatch):
    """With DOCS_ASSETS=cdn in the environment, /docs loads Swagger UI from the CDN"""
    monkeypatch.setenv("DOCS_ASSETS", "cdn")
    client = app_module.create_app("testing").test_client()
    request = f"GET {DOCS} with DOCS_ASSETS=cdn"
    loads = page_loads(docs_page(client, request))
    swagger_ui(loads, request)
    scripts = [address for kind, address in loads if kind == "script" and "swagger-ui" in address]
    expect.that(all(external(address) and address.startswith("https://") for address in scripts),
                f"{request} to load Swagger UI's scripts from the CDN (https://...)", f"scripts {', '.join(scripts)}")
