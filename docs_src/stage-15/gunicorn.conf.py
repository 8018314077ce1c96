"""gunicorn's settings for the bookmarks API; options on the command line win."""

import multiprocessing
import os

# --8<-- [start:settings]
wsgi_app = "wsgi:application"
# A unix socket that only nginx, on the same machine, talks to. systemd makes
# /run/bookmarks for the service (RuntimeDirectory=bookmarks in the unit).
bind = "unix:/run/bookmarks/gunicorn.sock"
umask = 0o007  # the socket: owner and group (nginx's) only
# Processes that each answer one request at a time. Platforms that size this
# for you set WEB_CONCURRENCY; without it, two per core plus one.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
timeout = 30
graceful_timeout = 20
accesslog = "-"  # standard output: the journal, or `docker logs`
errorlog = "-"  # standard error
control_socket_disable = True
# --8<-- [end:settings]
