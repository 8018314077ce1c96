#!/usr/bin/env bash
# Requests for the stage 07 example (the bookmarks API), served with
# `flask --app run run` after `flask --app run init-db`. Each NAME-curl section has a
# NAME-httpie twin that does the same; either tab works on its own from a fresh
# database. After logging in, keep the token the answer holds in a shell variable:
# TOKEN=<access_token> (and REFRESH_TOKEN, ADMIN_TOKEN further on).
# prepare: init-db

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

# --8<-- [start:register-again-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"email": "Reader@Example.com", "password": "another-passphrase"}'
# expect: 409
# --8<-- [end:register-again-curl]

# --8<-- [start:register-again-httpie]
http POST :5000/auth/register email=Reader@Example.com password=another-passphrase
# expect: 409
# --8<-- [end:register-again-httpie]

# --8<-- [start:register-invalid-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"email": "writer@example.com", "password": "short"}'
# expect: 400
# --8<-- [end:register-invalid-curl]

# --8<-- [start:register-invalid-httpie]
http POST :5000/auth/register email=writer@example.com password=short
# expect: 400
# --8<-- [end:register-invalid-httpie]

# --8<-- [start:login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "reader@example.com", "password": "reading-every-day"}'
# expect: 200
# save: TOKEN=access_token
# save: REFRESH_TOKEN=refresh_token
# --8<-- [end:login-curl]

# --8<-- [start:login-httpie]
http POST :5000/auth/login email=reader@example.com password=reading-every-day
# expect: 200
# save: TOKEN=access_token
# save: REFRESH_TOKEN=refresh_token
# --8<-- [end:login-httpie]

# --8<-- [start:wrong-password-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "reader@example.com", "password": "reading-some-days"}'
# expect: 401
# --8<-- [end:wrong-password-curl]

# --8<-- [start:wrong-password-httpie]
http POST :5000/auth/login email=reader@example.com password=reading-some-days
# expect: 401
# --8<-- [end:wrong-password-httpie]

# --8<-- [start:peek]
python3 -c 'import base64, json, sys; part = sys.argv[1].split(".")[1]
print(json.dumps(json.loads(base64.urlsafe_b64decode(part + "==")), indent=2))' "$TOKEN"
# --8<-- [end:peek]

# --8<-- [start:list-curl]
curl -i "http://127.0.0.1:5000/api/bookmarks/?q=rfc"
# expect: 200
# --8<-- [end:list-curl]

# --8<-- [start:list-httpie]
http :5000/api/bookmarks/ q==rfc
# expect: 200
# --8<-- [end:list-httpie]

# --8<-- [start:create-no-token-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Content-Type: application/json" \
  -d '{"url": "https://www.rfc-editor.org/rfc/rfc6750", "title": "Bearer tokens"}'
# expect: 401
# --8<-- [end:create-no-token-curl]

# --8<-- [start:create-no-token-httpie]
http POST :5000/api/bookmarks/ \
  url=https://www.rfc-editor.org/rfc/rfc6750 title="Bearer tokens"
# expect: 401
# --8<-- [end:create-no-token-httpie]

# --8<-- [start:create-bad-token-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Authorization: Bearer not-a-token" \
  -H "Content-Type: application/json" \
  -d '{"url": "https://www.rfc-editor.org/rfc/rfc6750", "title": "Bearer tokens"}'
# expect: 401
# --8<-- [end:create-bad-token-curl]

# --8<-- [start:create-bad-token-httpie]
http POST :5000/api/bookmarks/ "Authorization: Bearer not-a-token" \
  url=https://www.rfc-editor.org/rfc/rfc6750 title="Bearer tokens"
# expect: 401
# --8<-- [end:create-bad-token-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"url": "https://www.rfc-editor.org/rfc/rfc6750", "title": "Bearer tokens"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/bookmarks/ "Authorization: Bearer $TOKEN" \
  url=https://www.rfc-editor.org/rfc/rfc6750 title="Bearer tokens"
# expect: 201
# --8<-- [end:create-httpie]

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

# --8<-- [start:users-as-member-curl]
curl -i http://127.0.0.1:5000/auth/users -H "Authorization: Bearer $TOKEN"
# expect: 403
# --8<-- [end:users-as-member-curl]

# --8<-- [start:users-as-member-httpie]
http :5000/auth/users "Authorization: Bearer $TOKEN"
# expect: 403
# --8<-- [end:users-as-member-httpie]

# --8<-- [start:admin-login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "admin@example.com", "password": "example-password"}'
# expect: 200
# save: ADMIN_TOKEN=access_token
# --8<-- [end:admin-login-curl]

# --8<-- [start:admin-login-httpie]
http POST :5000/auth/login email=admin@example.com password=example-password
# expect: 200
# save: ADMIN_TOKEN=access_token
# --8<-- [end:admin-login-httpie]

# --8<-- [start:users-as-admin-curl]
curl -i http://127.0.0.1:5000/auth/users -H "Authorization: Bearer $ADMIN_TOKEN"
# expect: 200
# --8<-- [end:users-as-admin-curl]

# --8<-- [start:users-as-admin-httpie]
http :5000/auth/users "Authorization: Bearer $ADMIN_TOKEN"
# expect: 200
# --8<-- [end:users-as-admin-httpie]
