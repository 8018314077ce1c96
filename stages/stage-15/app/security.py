"""Headers that tell browsers to be careful with every answer of the API, and with its docs page."""

from flask import request

# The API answers JSON only: a browser may run nothing, load nothing and frame nothing from it.
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The docs page runs Swagger UI from this app's own files; its start-up script and styles are inline.
DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
# One year, subdomains too: sent only over HTTPS, where a browser will believe it.
HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(response):
    """Add the browser-protection headers to an answer, whatever it is: success, error or the docs page."""
    # TODO: nosniff, X-Frame-Options DENY, Referrer-Policy, a CSP; HSTS on HTTPS only.
    pass
    return response
