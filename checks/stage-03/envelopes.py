"""Envelope checks for stage 03 that name a bare (unwrapped) body plainly before looking inside it."""

import expect

SUCCESS = '{"status": "success", "data": ...}'
ERROR = '{"status": "error", "error": {"message": ...}}'


def success(response, code: int, request: str):
    """The response is the success envelope with this status code; return its data."""
    expect.status(response, code, request)
    body = expect.json_object(response, request)
    expect.that("data" in body, f"the success envelope {SUCCESS}", f'a body without a "data" key: {body!r:.200}')
    return expect.success(response, code, request)


def error(response, code: int, request: str) -> str:
    """The response is the error envelope with this status code; return its message."""
    expect.status(response, code, request)
    body = expect.json_object(response, request)
    expect.that(body.get("status") == "error" and isinstance(body.get("error"), dict),
                f"the error envelope {ERROR}", f"{body!r:.200}")
    return expect.error(response, code, request)
