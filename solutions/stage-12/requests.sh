#!/usr/bin/env bash
# Requests to try against the stage-12 app: the development server, `flask --app run run`,
# on a database that `flask --app run db upgrade` has made, with the development
# configuration's SimpleCache. Each NAME-curl section has a NAME-httpie twin that sends
# the same request; either tab works on its own, from a fresh database. After logging in,
# copy the access_token of the answer into the shell: TOKEN=<the token>. X-Cache says
# whether an answer came from the cache.

# --8<-- [start:register-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "operator", "email": "operator@example.com",
       "password": "cache-with-care-42"}'
# expect: 201
# --8<-- [end:register-curl]

# --8<-- [start:register-httpie]
http POST :5000/auth/register username=operator email=operator@example.com \
  password=cache-with-care-42
# expect: 201
# --8<-- [end:register-httpie]

# --8<-- [start:login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "operator", "password": "cache-with-care-42"}'
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-curl]

# --8<-- [start:login-httpie]
http POST :5000/auth/login username=operator password=cache-with-care-42
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Renew the certificate", "due_date": "2026-09-01"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" \
  title="Renew the certificate" due_date=2026-09-01
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:list-first-curl]
curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache
# --8<-- [end:list-first-curl]

# --8<-- [start:list-first-httpie]
http :5000/api/tasks/ "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache
# --8<-- [end:list-first-httpie]

# --8<-- [start:list-again-curl]
curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache
# --8<-- [end:list-again-curl]

# --8<-- [start:list-again-httpie]
http :5000/api/tasks/ "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache
# --8<-- [end:list-again-httpie]

# --8<-- [start:completed-curl]
curl -i "http://127.0.0.1:5000/api/tasks/?status=completed" \
  -H "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache
# --8<-- [end:completed-curl]

# --8<-- [start:completed-httpie]
http ":5000/api/tasks/?status=completed" "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache
# --8<-- [end:completed-httpie]

# --8<-- [start:missing-curl]
curl -i http://127.0.0.1:5000/api/tasks/2 -H "Authorization: Bearer $TOKEN"
# expect: 404
# --8<-- [end:missing-curl]

# --8<-- [start:missing-httpie]
http :5000/api/tasks/2 "Authorization: Bearer $TOKEN"
# expect: 404
# --8<-- [end:missing-httpie]

# --8<-- [start:create-second-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Rotate the logs"}'
# expect: 201
# --8<-- [end:create-second-curl]

# --8<-- [start:create-second-httpie]
http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" title="Rotate the logs"
# expect: 201
# --8<-- [end:create-second-httpie]

# --8<-- [start:found-curl]
curl -i http://127.0.0.1:5000/api/tasks/2 -H "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache
# --8<-- [end:found-curl]

# --8<-- [start:found-httpie]
http :5000/api/tasks/2 "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache
# --8<-- [end:found-httpie]

# --8<-- [start:etag-curl]
ETAG=$(curl -s -o /dev/null -D - http://127.0.0.1:5000/api/tasks/2 \
  -H "Authorization: Bearer $TOKEN" \
  | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
# --8<-- [end:etag-curl]

# --8<-- [start:etag-httpie]
ETAG=$(http --headers :5000/api/tasks/2 "Authorization: Bearer $TOKEN" \
  | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
# --8<-- [end:etag-httpie]

# --8<-- [start:not-modified-curl]
curl -i http://127.0.0.1:5000/api/tasks/2 \
  -H "Authorization: Bearer $TOKEN" -H "If-None-Match: $ETAG"
# expect: 304
# --8<-- [end:not-modified-curl]

# --8<-- [start:not-modified-httpie]
http :5000/api/tasks/2 "Authorization: Bearer $TOKEN" "If-None-Match:$ETAG"
# expect: 304
# --8<-- [end:not-modified-httpie]

# --8<-- [start:complete-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"status": "completed"}'
# expect: 200
# --8<-- [end:complete-curl]

# --8<-- [start:complete-httpie]
http PATCH :5000/api/tasks/1 "Authorization: Bearer $TOKEN" status=completed
# expect: 200
# --8<-- [end:complete-httpie]

# --8<-- [start:completed-again-curl]
curl -i "http://127.0.0.1:5000/api/tasks/?status=completed" \
  -H "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache
# --8<-- [end:completed-again-curl]

# --8<-- [start:completed-again-httpie]
http ":5000/api/tasks/?status=completed" "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache
# --8<-- [end:completed-again-httpie]
