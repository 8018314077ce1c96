"""Bookmark reads kept in the cache, per caller and question, until the next write."""

import secrets
from functools import wraps
from urllib.parse import urlencode

from flask import current_app, make_response, request
from flask_jwt_extended import get_jwt_identity, verify_jwt_in_request

from ..extensions import cache

# --8<-- [start:generation]
# Every key begins with the current generation. A write puts a new one here, and
# the answers kept under the old one are never asked for again: they time out.
GENERATION = "bookmarks:generation"
# Far longer than any answer lives. Not 0 ("forever"): a full SimpleCache drops
# the entries that expire soonest first, and it counts 0 as the soonest of all.
GENERATION_LIFETIME = 24 * 60 * 60


def new_generation():
    """A random name: one that an older, evicted generation cannot have had."""
    return secrets.token_hex(8)


def current_generation():
    """The generation answers are kept under now; a new one if none is stored."""
    name = cache.get(GENERATION)
    if name is None:
        # add() stores only if the key is still free, so two requests that both
        # found nothing end up agreeing on the one that got there first.
        cache.add(GENERATION, new_generation(), timeout=GENERATION_LIFETIME)
        name = cache.get(GENERATION) or "none"  # "none": NullCache keeps nothing
    return name


def forget_bookmark_answers():
    """After a committed write: every kept answer is out of date, all at once."""
    try:
        cache.set(GENERATION, new_generation(), timeout=GENERATION_LIFETIME)
    except Exception:  # the write is saved: an error now would be a false 500
        current_app.logger.exception("Could not reach the cache to forget answers.")
# --8<-- [end:generation]


# --8<-- [start:key]
def caller():
    """The account id in the request's token, or "anyone" without a token."""
    verify_jwt_in_request(optional=True)  # a broken token is still a 401
    return get_jwt_identity() or "anyone"


def answer_key(who):
    """Everything the answer depends on: the data's generation, who asks, what."""
    # Sorted: ?a=1&b=2 and ?b=2&a=1 are one question. Encoded: a value holding
    # "&" cannot pass for two parameters.
    question = urlencode(sorted(request.args.items(multi=True)))
    return f"bookmarks|{current_generation()}|{who}|{request.path}?{question}"
# --8<-- [end:key]


# --8<-- [start:cached-answer]
def cached_answer(view):
    """Serve the view's 200 answers from the cache; X-Cache says HIT or MISS."""

    @wraps(view)
    def serve(*args, **kwargs):
        who = caller()  # before the cache: a broken token is a 401 either way
        try:
            key = answer_key(who)
            kept = cache.get(key)
        except Exception:  # a cache that is down makes the API slower, not broken
            current_app.logger.exception("No cache: answering without it.")
            key = kept = None
        if kept is not None:
            answer = current_app.response_class(kept["body"], mimetype=kept["type"])
            answer.set_etag(kept["etag"])
            answer.headers["X-Cache"] = "HIT"
        else:
            answer = make_response(view(*args, **kwargs))
            # Only a 200: a 404 kept for two minutes would hide the bookmark
            # that a POST creates one second later.
            if answer.status_code == 200:
                answer.add_etag()  # a hash of the body
                if key is not None:
                    keep(key, answer)
            answer.headers["X-Cache"] = "MISS"
        # If-None-Match naming this ETag: 304 and no body, hit or miss.
        return answer.make_conditional(request)

    return serve


def keep(key, answer):
    """Store what it takes to answer again: the body, its type, its ETag."""
    etag, _ = answer.get_etag()
    entry = {"body": answer.get_data(), "type": answer.mimetype, "etag": etag}
    try:
        cache.set(key, entry)
    except Exception:
        current_app.logger.exception("No cache: this answer is not kept.")
# --8<-- [end:cached-answer]
