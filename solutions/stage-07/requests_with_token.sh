#!/usr/bin/env bash
# Requests that need a token, to try against the stage-07 app after `flask --app run init-db` (three tasks, and the
# users "admin" and "user", both with the password "password").
# Each NAME-curl section has a NAME-httpie twin that sends the same request; either tab works on its own, in order,
# from a database fresh from init-db. A login answers tokens: keep the one a "# save:" line names in a shell
# variable of that name (TOKEN=<the access_token>), since the requests after it send $TOKEN.
# prepare: init-db

# --8<-- [start:login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "user", "password": "password"}'
# expect: 200
# save: TOKEN=access_token
# save: REFRESH_TOKEN=refresh_token
# --8<-- [end:login-curl]

# --8<-- [start:login-httpie]
http POST :5000/auth/login username=user password=password
# expect: 200
# save: TOKEN=access_token
# save: REFRESH_TOKEN=refresh_token
# --8<-- [end:login-httpie]

# --8<-- [start:peek]
python3 -c 'import base64, json, sys; part = sys.argv[1].split(".")[1] + "=="
print(json.dumps(json.loads(base64.urlsafe_b64decode(part)), indent=2))' "$TOKEN"
# --8<-- [end:peek]

# --8<-- [start:list-curl]
curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $TOKEN"
# expect: 200
# --8<-- [end:list-curl]

# --8<-- [start:list-httpie]
http :5000/api/tasks/ "Authorization: Bearer $TOKEN"
# expect: 200
# --8<-- [end:list-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Try the tokens"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" title="Try the tokens"
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:delete-as-user-curl]
curl -i -X DELETE http://127.0.0.1:5000/api/tasks/4 -H "Authorization: Bearer $TOKEN"
# expect: 403
# --8<-- [end:delete-as-user-curl]

# --8<-- [start:delete-as-user-httpie]
http DELETE :5000/api/tasks/4 "Authorization: Bearer $TOKEN"
# expect: 403
# --8<-- [end:delete-as-user-httpie]

# --8<-- [start:admin-login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "admin", "password": "password"}'
# expect: 200
# save: ADMIN_TOKEN=access_token
# --8<-- [end:admin-login-curl]

# --8<-- [start:admin-login-httpie]
http POST :5000/auth/login username=admin password=password
# expect: 200
# save: ADMIN_TOKEN=access_token
# --8<-- [end:admin-login-httpie]

# --8<-- [start:delete-as-admin-curl]
curl -i -X DELETE http://127.0.0.1:5000/api/tasks/4 \
  -H "Authorization: Bearer $ADMIN_TOKEN"
# expect: 204
# --8<-- [end:delete-as-admin-curl]

# --8<-- [start:delete-as-admin-httpie]
http DELETE :5000/api/tasks/4 "Authorization: Bearer $ADMIN_TOKEN"
# expect: 204
# --8<-- [end:delete-as-admin-httpie]

# --8<-- [start:refresh-curl]
curl -i -X POST http://127.0.0.1:5000/auth/refresh \
  -H "Authorization: Bearer $REFRESH_TOKEN"
# expect: 200
# --8<-- [end:refresh-curl]

# --8<-- [start:refresh-httpie]
http POST :5000/auth/refresh "Authorization: Bearer $REFRESH_TOKEN"
# expect: 200
# --8<-- [end:refresh-httpie]

# --8<-- [start:refresh-with-access-curl]
curl -i -X POST http://127.0.0.1:5000/auth/refresh -H "Authorization: Bearer $TOKEN"
# expect: 401
# --8<-- [end:refresh-with-access-curl]

# --8<-- [start:refresh-with-access-httpie]
http POST :5000/auth/refresh "Authorization: Bearer $TOKEN"
# expect: 401
# --8<-- [end:refresh-with-access-httpie]

# --8<-- [start:access-with-refresh-curl]
curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $REFRESH_TOKEN"
# expect: 401
# --8<-- [end:access-with-refresh-curl]

# --8<-- [start:access-with-refresh-httpie]
http :5000/api/tasks/ "Authorization: Bearer $REFRESH_TOKEN"
# expect: 401
# --8<-- [end:access-with-refresh-httpie]
