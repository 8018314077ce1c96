#!/usr/bin/env bash
# Requests that need a token, to try against the stage-07 app after `flask --app run init-db` (three tasks, and the
# users "admin" and "user", both with the password "password"). Paste them into one terminal, in order, or run
# `bash requests_with_token.sh` to send them all: a token is kept in a shell variable (TOKEN, ADMIN_TOKEN,
# REFRESH_TOKEN) by one command and used by the next ones. Both tabs of the page set the same variables.
# prepare: init-db
set -eu

TOKEN=$(curl -s -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "user", "password": "password"}' \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["access_token"])')

TOKEN=$(http POST :5000/auth/login username=user password=password \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["access_token"])')

python3 -c 'import base64, json, sys; part = sys.argv[1].split(".")[1]
print(json.dumps(json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))), indent=2))' "$TOKEN"

curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $TOKEN"
# expect: 200

http :5000/api/tasks/ "Authorization: Bearer $TOKEN"
# expect: 200

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Try the tokens"}'
# expect: 201

http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" title="Try the tokens"
# expect: 201

curl -i -X DELETE http://127.0.0.1:5000/api/tasks/4 -H "Authorization: Bearer $TOKEN"
# expect: 403

http DELETE :5000/api/tasks/4 "Authorization: Bearer $TOKEN"
# expect: 403

ADMIN_TOKEN=$(curl -s -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "admin", "password": "password"}' \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["access_token"])')

ADMIN_TOKEN=$(http POST :5000/auth/login username=admin password=password \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["access_token"])')

curl -i -X DELETE http://127.0.0.1:5000/api/tasks/4 -H "Authorization: Bearer $ADMIN_TOKEN"
# expect: 204

http DELETE :5000/api/tasks/5 "Authorization: Bearer $ADMIN_TOKEN"
# expect: 204

REFRESH_TOKEN=$(curl -s -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "user", "password": "password"}' \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["refresh_token"])')

REFRESH_TOKEN=$(http POST :5000/auth/login username=user password=password \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["refresh_token"])')

curl -i -X POST http://127.0.0.1:5000/auth/refresh -H "Authorization: Bearer $REFRESH_TOKEN"
# expect: 200

http POST :5000/auth/refresh "Authorization: Bearer $REFRESH_TOKEN"
# expect: 200

curl -i -X POST http://127.0.0.1:5000/auth/refresh -H "Authorization: Bearer $TOKEN"
# expect: 401

http POST :5000/auth/refresh "Authorization: Bearer $TOKEN"
# expect: 401

curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $REFRESH_TOKEN"
# expect: 401

http :5000/api/tasks/ "Authorization: Bearer $REFRESH_TOKEN"
# expect: 401
