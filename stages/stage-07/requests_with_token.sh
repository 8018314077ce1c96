#!/usr/bin/env bash
# Requests that need a token, to try against the stage-07 app after `flask --app run init-db` (three tasks, and the
# users "admin" and "user", both with the password "password").
# Each NAME-curl section has a NAME-httpie twin that sends the same request; either tab works on its own, in order,
# from a database fresh from init-db. A login answers tokens: keep the one a "# save:" line names in a shell
# variable of that name (TOKEN=<the access_token>), since the requests after it send $TOKEN.
# prepare: init-db

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "user", "password": "password"}'
# expect: 200
# save: TOKEN=access_token
# save: REFRESH_TOKEN=refresh_token

http POST :5000/auth/login username=user password=password
# expect: 200
# save: TOKEN=access_token
# save: REFRESH_TOKEN=refresh_token

python3 -c 'import base64, json, sys; part = sys.argv[1].split(".")[1] + "=="
print(json.dumps(json.loads(base64.urlsafe_b64decode(part)), indent=2))' "$TOKEN"

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

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "admin", "password": "password"}'
# expect: 200
# save: ADMIN_TOKEN=access_token

http POST :5000/auth/login username=admin password=password
# expect: 200
# save: ADMIN_TOKEN=access_token

curl -i -X DELETE http://127.0.0.1:5000/api/tasks/4 \
  -H "Authorization: Bearer $ADMIN_TOKEN"
# expect: 204

http DELETE :5000/api/tasks/4 "Authorization: Bearer $ADMIN_TOKEN"
# expect: 204

curl -i -X POST http://127.0.0.1:5000/auth/refresh \
  -H "Authorization: Bearer $REFRESH_TOKEN"
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
