"""Headers that tell browsers to be careful with every answer of the API, and with its docs page."""

from flask import request

# The API answers JSON only: a browser may run nothing, load nothing and frame nothing from it.
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The docs page runs Swagger UI from this app's own files; its start-up script and styles are inline.
DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
# One year, subdomains too: sent only over HTTPS, where a browser will believe it.
HSTS = "max-age=31536000; includeSubDomains"


# --8<-- [start:security-headers]
def add_security_headers(response):
    """Add the browser-protection headers to an answer, whatever it is: success, error or the docs page."""
    # --8<-- [start:todo-security-headers] nosniff, X-Frame-Options DENY, Referrer-Policy, a CSP; HSTS on HTTPS only.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    on_docs = request.path == "/docs" or request.path.startswith("/docs/")
    response.headers["Content-Security-Policy"] = DOCS_POLICY if on_docs else API_POLICY
    # Over plain http, a man in the middle could strip or forge it: browsers ignore it there, so send it only on
    # HTTPS (request.is_secure is true behind a trusted proxy that says X-Forwarded-Proto: https).
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    # --8<-- [end:todo-security-headers] stub: pass
    return response
# --8<-- [end:security-headers]
