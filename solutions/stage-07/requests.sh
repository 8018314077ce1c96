#!/usr/bin/env bash
# Requests to try against the stage-07 app while it runs (flask --app run run), on an empty database or one fresh
# from flask --app run init-db.
# Each is shown on the chapter page; the repo's tests run every one of them, in this order, against the solution.
# Each NAME-curl section has a NAME-httpie twin that sends the same request; either tab works on its own, from a
# fresh database. The requests that need a token are in requests_with_token.sh.

# --8<-- [start:register-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "student", "email": "student@example.com",
       "password": "first-long-passphrase"}'
# expect: 201
# --8<-- [end:register-curl]

# --8<-- [start:register-httpie]
http POST :5000/auth/register username=student email=student@example.com \
  password=first-long-passphrase
# expect: 201
# --8<-- [end:register-httpie]

# --8<-- [start:register-taken-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "student", "email": "another@example.com",
       "password": "something-else"}'
# expect: 409
# --8<-- [end:register-taken-curl]

# --8<-- [start:register-taken-httpie]
http POST :5000/auth/register username=student email=another@example.com \
  password=something-else
# expect: 409
# --8<-- [end:register-taken-httpie]

# --8<-- [start:register-incomplete-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "student"}'
# expect: 400
# --8<-- [end:register-incomplete-curl]

# --8<-- [start:register-incomplete-httpie]
http POST :5000/auth/register username=student
# expect: 400
# --8<-- [end:register-incomplete-httpie]

# --8<-- [start:login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "student", "password": "first-long-passphrase"}'
# expect: 200
# --8<-- [end:login-curl]

# --8<-- [start:login-httpie]
http POST :5000/auth/login username=student password=first-long-passphrase
# expect: 200
# --8<-- [end:login-httpie]

# --8<-- [start:wrong-password-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "student", "password": "not-my-passphrase"}'
# expect: 401
# --8<-- [end:wrong-password-curl]

# --8<-- [start:wrong-password-httpie]
http POST :5000/auth/login username=student password=not-my-passphrase
# expect: 401
# --8<-- [end:wrong-password-httpie]

# --8<-- [start:unknown-user-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "nobody", "password": "first-long-passphrase"}'
# expect: 401
# --8<-- [end:unknown-user-curl]

# --8<-- [start:unknown-user-httpie]
http POST :5000/auth/login username=nobody password=first-long-passphrase
# expect: 401
# --8<-- [end:unknown-user-httpie]

# --8<-- [start:no-token-curl]
curl -i http://127.0.0.1:5000/api/tasks/
# expect: 401
# --8<-- [end:no-token-curl]

# --8<-- [start:no-token-httpie]
http :5000/api/tasks/
# expect: 401
# --8<-- [end:no-token-httpie]

# --8<-- [start:bad-token-curl]
curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer not-a-real-token"
# expect: 401
# --8<-- [end:bad-token-curl]

# --8<-- [start:bad-token-httpie]
http :5000/api/tasks/ "Authorization: Bearer not-a-real-token"
# expect: 401
# --8<-- [end:bad-token-httpie]

# --8<-- [start:refresh-no-token-curl]
curl -i -X POST http://127.0.0.1:5000/auth/refresh
# expect: 401
# --8<-- [end:refresh-no-token-curl]

# --8<-- [start:refresh-no-token-httpie]
http POST :5000/auth/refresh
# expect: 401
# --8<-- [end:refresh-no-token-httpie]
