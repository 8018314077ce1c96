#!/usr/bin/env bash
# Requests for the stage 10 example (the bookmarks API), served here by the
# development server: `flask --app run run` after `flask --app run db upgrade`.
# Each NAME-curl section has a NAME-httpie twin that does the same.

# --8<-- [start:health-curl]
curl -i http://127.0.0.1:5000/health
# expect: 200
# --8<-- [end:health-curl]

# --8<-- [start:health-httpie]
http :5000/health
# expect: 200
# --8<-- [end:health-httpie]

# --8<-- [start:forged-host-curl]
curl -i http://127.0.0.1:5000/api/bookmarks \
  -H "X-Forwarded-Proto: https" -H "X-Forwarded-Host: bookmarks.example.org"
# expect: 308
# --8<-- [end:forged-host-curl]

# --8<-- [start:forged-host-httpie]
http :5000/api/bookmarks X-Forwarded-Proto:https \
  X-Forwarded-Host:bookmarks.example.org
# expect: 308
# --8<-- [end:forged-host-httpie]
