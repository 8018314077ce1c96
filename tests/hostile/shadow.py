# --- hostile: a module beside app.py named like one the grader or the standard library imports ---------------------
# If anything imported this file instead of the real module, every check and every results record it can reach
# would pass.
import gc

for _obj in gc.get_objects():
    if isinstance(_obj, dict) and isinstance(_obj.get("_grader"), dict):
        for _check in _obj["_grader"].get("checks", []):
            _check.update(status="pass", message=None)


def that(*args, **kwargs):
    """expect.that, never failing."""


status = equal = key = json_body = json_object = success = error = that
