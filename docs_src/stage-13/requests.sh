#!/usr/bin/env bash
# Requests for the stage 13 example (the bookmarks API), served by the development
# server: `flask --app run run` after `flask --app run db upgrade`. No worker runs
# here, so every job stays PENDING until you start one (see the chapter). Each
# NAME-curl section has a NAME-httpie twin that does the same; either tab works on
# its own from a fresh database. After logging in, keep the access_token of the
# answer in a shell variable: TOKEN=<the token>; after a check, JOB=<its job_id>.

# --8<-- [start:register-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"email": "reader@example.com", "password": "reading-every-day"}'
# expect: 201
# --8<-- [end:register-curl]

# --8<-- [start:register-httpie]
http POST :5000/auth/register email=reader@example.com password=reading-every-day
# expect: 201
# --8<-- [end:register-httpie]

# --8<-- [start:login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "reader@example.com", "password": "reading-every-day"}'
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-curl]

# --8<-- [start:login-httpie]
http POST :5000/auth/login email=reader@example.com password=reading-every-day
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"url": "https://docs.celeryq.dev/", "title": "Celery documentation"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/bookmarks/ "Authorization: Bearer $TOKEN" \
  url=https://docs.celeryq.dev/ title="Celery documentation"
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:check-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/1/check \
  -H "Authorization: Bearer $TOKEN"
# expect: 202
# save: JOB=job_id
# --8<-- [end:check-curl]

# --8<-- [start:check-httpie]
http POST :5000/api/bookmarks/1/check "Authorization: Bearer $TOKEN"
# expect: 202
# save: JOB=job_id
# --8<-- [end:check-httpie]

# --8<-- [start:job-state-curl]
curl -i http://127.0.0.1:5000/api/jobs/$JOB
# expect: 200
# --8<-- [end:job-state-curl]

# --8<-- [start:job-state-httpie]
http :5000/api/jobs/$JOB
# expect: 200
# --8<-- [end:job-state-httpie]

# --8<-- [start:check-missing-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/99/check \
  -H "Authorization: Bearer $TOKEN"
# expect: 404
# --8<-- [end:check-missing-curl]

# --8<-- [start:check-missing-httpie]
http POST :5000/api/bookmarks/99/check "Authorization: Bearer $TOKEN"
# expect: 404
# --8<-- [end:check-missing-httpie]
