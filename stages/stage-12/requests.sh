#!/usr/bin/env bash
# Requests to try against the stage-12 app: the development server, `flask --app run run`,
# on a database that `flask --app run db upgrade` has made, with the development
# configuration's SimpleCache. Each NAME-curl section has a NAME-httpie twin that sends
# the same request; either tab works on its own, from a fresh database. After logging in,
# copy the access_token of the answer into the shell: TOKEN=<the token>. X-Cache says
# whether an answer came from the cache.

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "operator", "email": "operator@example.com",
       "password": "cache-with-care-42"}'
# expect: 201

http POST :5000/auth/register username=operator email=operator@example.com \
  password=cache-with-care-42
# expect: 201

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "operator", "password": "cache-with-care-42"}'
# expect: 200
# save: TOKEN=access_token

http POST :5000/auth/login username=operator password=cache-with-care-42
# expect: 200
# save: TOKEN=access_token

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Renew the certificate", "due_date": "2026-09-01"}'
# expect: 201

http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" \
  title="Renew the certificate" due_date=2026-09-01
# expect: 201

curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache

http :5000/api/tasks/ "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache

curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache

http :5000/api/tasks/ "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache

curl -i "http://127.0.0.1:5000/api/tasks/?status=completed" \
  -H "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache

http ":5000/api/tasks/?status=completed" "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache

curl -i http://127.0.0.1:5000/api/tasks/2 -H "Authorization: Bearer $TOKEN"
# expect: 404

http :5000/api/tasks/2 "Authorization: Bearer $TOKEN"
# expect: 404

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Rotate the logs"}'
# expect: 201

http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" title="Rotate the logs"
# expect: 201

curl -i http://127.0.0.1:5000/api/tasks/2 -H "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache

http :5000/api/tasks/2 "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache

ETAG=$(curl -s -o /dev/null -D - http://127.0.0.1:5000/api/tasks/2 \
  -H "Authorization: Bearer $TOKEN" \
  | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')

ETAG=$(http --headers :5000/api/tasks/2 "Authorization: Bearer $TOKEN" \
  | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')

curl -i http://127.0.0.1:5000/api/tasks/2 \
  -H "Authorization: Bearer $TOKEN" -H "If-None-Match: $ETAG"
# expect: 304

http :5000/api/tasks/2 "Authorization: Bearer $TOKEN" "If-None-Match:$ETAG"
# expect: 304

curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"status": "completed"}'
# expect: 200

http PATCH :5000/api/tasks/1 "Authorization: Bearer $TOKEN" status=completed
# expect: 200

curl -i "http://127.0.0.1:5000/api/tasks/?status=completed" \
  -H "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache

http ":5000/api/tasks/?status=completed" "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Cache
