#!/usr/bin/env bash
# Requests to try against the stage-07 app while it runs (flask --app run run), on an empty database or one fresh
# from flask --app run init-db.
# Each is shown on the chapter page; the repo's tests run every one of them, in this order, against the solution.
# The curl tab works with the user "curl_user", the HTTPie tab with "httpie_user": send the requests of either tab,
# or of both.
# The requests that need a token are in requests_with_token.sh.

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "curl_user", "email": "curl_user@example.com", "password": "first-long-passphrase"}'
# expect: 201

http POST :5000/auth/register username=httpie_user email=httpie_user@example.com password=second-long-passphrase
# expect: 201

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "curl_user", "email": "another@example.com", "password": "something-else"}'
# expect: 409

http POST :5000/auth/register username=httpie_user email=another@example.com password=something-else
# expect: 409

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "curl_user"}'
# expect: 400

http POST :5000/auth/register username=httpie_user
# expect: 400

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "curl_user", "password": "first-long-passphrase"}'
# expect: 200

http POST :5000/auth/login username=httpie_user password=second-long-passphrase
# expect: 200

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "curl_user", "password": "not-my-passphrase"}'
# expect: 401

http POST :5000/auth/login username=httpie_user password=not-my-passphrase
# expect: 401

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "nobody", "password": "first-long-passphrase"}'
# expect: 401

http POST :5000/auth/login username=nobody password=second-long-passphrase
# expect: 401

curl -i http://127.0.0.1:5000/api/tasks/
# expect: 401

http :5000/api/tasks/
# expect: 401

curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer not-a-real-token"
# expect: 401

http :5000/api/tasks/ "Authorization: Bearer not-a-real-token"
# expect: 401

curl -i -X POST http://127.0.0.1:5000/auth/refresh
# expect: 401

http POST :5000/auth/refresh
# expect: 401
