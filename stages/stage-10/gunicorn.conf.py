"""gunicorn's settings for the task API, read by gunicorn --config gunicorn.conf.py (a setting given on the command
line, such as --bind in the Dockerfile, wins over the same setting here)."""

import multiprocessing
import os

# The app object gunicorn serves: the module wsgi, its variable application.
wsgi_app = "wsgi:application"
# No control socket in the service user's home folder: nothing here uses it.
control_socket_disable = True
# TODO: bind 127.0.0.1:8000, workers (WEB_CONCURRENCY, else 2 x cores + 1), logs to "-".
pass
