# --- hostile: views that end the process, never answer, or never answer and swallow every exception --------------
import os as _v_os
import time as _v_time

from flask import request as _v_request

_v_get_task, _v_search, _v_show_headers = get_task, search, show_headers


def get_task(task_id):
    """Task 99 (the unknown-id check): an endless loop."""
    while task_id == 99:
        pass
    return _v_get_task(task_id)


def search():
    """?limit=abc (one check): an endless loop that a bare except keeps alive whatever is raised in it."""
    while _v_request.args.get("limit") == "abc":
        try:
            _v_time.sleep(0.01)
        except:  # noqa: E722 - the point: an in-process timeout raised here would be swallowed
            pass
    return _v_search()


def show_headers():
    """With a custom header (one check): the process ends."""
    if "X-Custom-Header" in _v_request.headers:
        _v_os._exit(5)
    return _v_show_headers()


app.view_functions.update(get_task=get_task, search=search, show_headers=show_headers)
