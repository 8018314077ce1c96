#!/usr/bin/env bash
# Set up the course: a .venv with the pinned packages, then the grader's environment check.
#   ./setup.sh                    install from the package index (needs network)
#   ./setup.sh --wheelhouse DIR   install with no network from a folder of wheels
#   ./setup.sh --download DIR     fill DIR with every wheel the course needs (on a machine with network)
# Safe to run again: an existing .venv is reused and only what is missing gets installed.
set -euo pipefail
cd "$(dirname "$0")"

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "setup.sh: $*" >&2; exit 2; }

mode=online dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --wheelhouse|--download)
      [ $# -ge 2 ] || die "$1 needs a folder"
      mode=${1#--}; dir=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

# The pinned packages (SQLAlchemy 2.1, marshmallow 4) publish nothing for Python 3.10 or older.
python=${PYTHON:-python3}
command -v "$python" >/dev/null || die "$python not found: install Python 3.11 or newer first."
version=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null) || version=unknown
IFS=. read -r major minor _ <<<"$version"
if [ "$version" = unknown ] || [ "$major" -lt 3 ] || { [ "$major" -eq 3 ] && [ "$minor" -lt 11 ]; }; then
  die "Python 3.11 or newer is needed; $("$python" --version 2>&1) was found. Set PYTHON=/path/to/python3.x to pick another."
fi

if [ "$mode" = download ]; then
  mkdir -p "$dir"
  "$python" -m pip download --quiet --dest "$dir" -r requirements.txt
  echo "Wheels for the course are in $dir. Copy it to the lab machines and run: ./setup.sh --wheelhouse $dir"
  exit 0
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $("$python" --version 2>&1)"
  "$python" -m venv .venv || die "could not create .venv (on Debian/Ubuntu: apt install python3-venv)"
fi

if [ "$mode" = wheelhouse ]; then
  [ -d "$dir" ] || die "no wheelhouse folder at $dir"
  .venv/bin/python -m pip install --quiet --no-index --find-links "$dir" -r requirements.txt \
    || die "the wheelhouse $dir lacks some packages; refill it with ./setup.sh --download $dir"
else
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt \
    || die "installing the requirements failed (no network? use ./setup.sh --wheelhouse DIR)"
fi

echo "Installed. Checking the set-up:"
# The doctor's findings (a busy port, say) are advice, not a failed installation.
.venv/bin/python grade.py doctor || echo "setup.sh: installation complete; see the advice above."
