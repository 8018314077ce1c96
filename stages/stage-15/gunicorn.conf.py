"""gunicorn's settings for the task API, read by gunicorn --config gunicorn.conf.py (a setting given on the command
line, such as --bind in the Dockerfile, wins over the same setting here)."""

import multiprocessing
import os

# The app object gunicorn serves: the module wsgi, its variable application.
wsgi_app = "wsgi:application"
# No control socket in the service user's home folder: nothing here uses it.
control_socket_disable = True
# Loopback only: nginx, on the same machine, is the one that faces the internet.
bind = "127.0.0.1:8000"
# Each worker is a process that answers one request at a time. Two per core plus one keeps the cores busy while
# some workers wait on the database; WEB_CONCURRENCY (the variable hosting platforms set) overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A worker silent for this many seconds is killed and replaced.
timeout = 30
# Requests and errors to standard output and standard error, where systemd's journal or `docker logs` keeps them.
accesslog = "-"
errorlog = "-"
