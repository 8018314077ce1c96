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
    # TODO: Start a new generation: a fresh random value under GENERATION_KEY, GENERATION_SECONDS.
    pass


def cache_key():
    """The key of this request's answer: generation, the user, the path and the sorted query string."""
    # TODO: f"tasks/{generation()}/user:{identity}/{path}?{urlencode(sorted query items)}".
    return request.path


def cached_read(view):
    """Serve a read view's 200 answers from the cache (X-Cache: HIT), building and storing them on a miss."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        """Answer from the cache when this user asked this exact question since the last write."""
        # TODO: Hit: rebuild the stored answer, X-Cache: HIT. Miss: run the view, keep 200s.
        return view(*args, **kwargs)
    return wrapper
