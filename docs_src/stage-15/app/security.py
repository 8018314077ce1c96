"""Headers that tell a browser how careful to be with each answer of the API."""

from flask import current_app, request

# --8<-- [start:headers]
EVERY_ANSWER = {
    # Take Content-Type at its word: never guess that a JSON answer is HTML.
    "X-Content-Type-Options": "nosniff",
    # No page of another site may show this one in a frame (clickjacking).
    "X-Frame-Options": "DENY",
    # Links followed from the docs page do not tell the next site where from.
    "Referrer-Policy": "no-referrer",
}
# JSON is data: nothing in an answer may run, load anything or be framed.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
# A year, for this host and its subdomains. Sent over HTTPS only.
STRICT_TRANSPORT = "max-age=31536000; includeSubDomains"
DOCS = "/docs"  # the page, and Swagger UI's files under /docs/ui/


def add_security_headers(response):
    """Runs after every view and every error handler: 2xx, 4xx and 500 alike."""
    response.headers.update(EVERY_ANSWER)
    on_docs = request.path == DOCS or request.path.startswith(f"{DOCS}/")
    policy = docs_policy() if on_docs else API_POLICY
    response.headers["Content-Security-Policy"] = policy
    # is_secure: the request came over HTTPS, or (behind a trusted proxy, with
    # PROXY_COUNT set) X-Forwarded-Proto says the client's did. Over plain http
    # a browser ignores the header anyway; a server that cannot keep the promise
    # (your laptop) must not make it.
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = STRICT_TRANSPORT
    return response
# --8<-- [end:headers]


# --8<-- [start:docs-policy]
CDN = "https://cdn.jsdelivr.net"
CDN_ICON = "https://apiflask.com"


def docs_policy():
    """The docs page's policy: Swagger UI's files and its inline start-up code."""
    files, icons = "'self'", "'self' data:"
    if current_app.config["SWAGGER_UI_FROM"] == "cdn":
        files, icons = f"'self' {CDN}", f"'self' data: {CDN_ICON}"
    return "; ".join([
        "default-src 'self'",  # /openapi.json, fetched by the page
        f"script-src {files} 'unsafe-inline'",  # the <script> that starts it
        f"style-src {files} 'unsafe-inline'",  # the page's <style> block
        f"img-src {icons}",  # Swagger UI draws its icons as data: images
        "frame-ancestors 'none'",
    ])
# --8<-- [end:docs-policy]
