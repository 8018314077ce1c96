"""The task API's read cache: answers kept per user and per query string, all forgotten at once by any write."""

from functools import wraps
from urllib.parse import urlencode
from uuid import uuid4

from flask import current_app, make_response, request
from flask_jwt_extended import get_jwt_identity

from ..extensions import cache

# The cache holds one "generation" name; every cached answer's key includes it. A write picks a new generation,
# so every answer cached before it (any user, any query string, the list and each detail) is never read again.
GENERATION_KEY = "tasks:generation"
# Long, but not 0 ("forever"): a full SimpleCache evicts the entries closest to expiry first, and counts 0 as such,
# so a generation kept forever would be the first thing thrown out. Answers expire long before this does anyway.
GENERATION_SECONDS = 24 * 60 * 60


def generation():
    """The current generation of the task answers; a new one when the cache has none (empty or evicted)."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = uuid4().hex
        cache.set(GENERATION_KEY, current, timeout=GENERATION_SECONDS)
    return current


def forget_cached_tasks():
    """Make every cached task answer stale: call it after each committed write."""
    try:
        cache.set(GENERATION_KEY, uuid4().hex, timeout=GENERATION_SECONDS)
    except Exception:  # noqa: BLE001 - a cache that cannot be reached must not turn a saved write into a 500
        current_app.logger.exception("Could not reach the cache to forget the cached tasks.")


def cache_key():
    """The key of this request's answer: generation, the user, the path and the sorted query string."""
    # Sorted, so ?status=pending&x=1 and ?x=1&status=pending share an entry; multi=True keeps repeated names.
    # urlencode escapes each value: ?x=a%26status%3Dcompleted must not share the entry of ?x=a&status=completed.
    query = urlencode(sorted(request.args.items(multi=True)))
    return f"tasks/{generation()}/user:{get_jwt_identity()}/{request.path}?{query}"


def cached_read(view):
    """Serve a read view's 200 answers from the cache (X-Cache: HIT), building and storing them on a miss."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        """Answer from the cache when this user asked this exact question since the last write."""
        try:
            key = cache_key()
            stored = cache.get(key)
        except Exception:  # noqa: BLE001 - without a cache the API is slower, not broken
            current_app.logger.exception("Could not reach the cache; answering without it.")
            key, stored = None, None
        if stored is not None:
            body, status, mimetype, etag = stored
            response = current_app.response_class(body, status=status, mimetype=mimetype)
            response.headers["X-Cache"] = "HIT"
            if etag:
                # The view's validator comes back with its body, so If-None-Match still gets its 304.
                response.headers["ETag"] = etag
                response = response.make_conditional(request)
            return response
        response = make_response(view(*args, **kwargs))
        # Only successes: a 404 kept for a while would outlive the task created a second later.
        if key is not None and response.status_code == 200:
            try:
                cache.set(key, (response.get_data(), response.status_code, response.mimetype,
                                response.headers.get("ETag")))
            except Exception:  # noqa: BLE001
                current_app.logger.exception("Could not store an answer in the cache.")
        response.headers["X-Cache"] = "MISS"
        return response
    return wrapper
