#!/usr/bin/env bash
# Not a script to run: the shell commands the Home, Set-up and Instructor guide pages show, in snippet sections,
# each run from the repository's root folder. tests/test_site_basics.py checks that they are valid commands.

# --8<-- [start:setup]
./setup.sh
source .venv/bin/activate
python grade.py stage-01
# --8<-- [end:setup]

# --8<-- [start:setup-python]
PYTHON=python3.12 ./setup.sh
# --8<-- [end:setup-python]

# --8<-- [start:wheelhouse-download]
./setup.sh --download wheelhouse
# --8<-- [end:wheelhouse-download]

# --8<-- [start:wheelhouse-install]
./setup.sh --wheelhouse wheelhouse
# --8<-- [end:wheelhouse-install]
