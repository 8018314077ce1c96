#!/usr/bin/env bash
# Requests to try against the stage-07 app while it runs (flask --app run run), on an empty database or one fresh
# from flask --app run init-db.
# Each is shown on the chapter page; the repo's tests run every one of them, in this order, against the solution.
# Each NAME-curl section has a NAME-httpie twin that sends the same request; either tab works on its own, from a
# fresh database. The requests that need a token are in requests_with_token.sh.

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "student", "email": "student@example.com",
       "password": "first-long-passphrase"}'
# expect: 201

http POST :5000/auth/register username=student email=student@example.com \
  password=first-long-passphrase
# expect: 201

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "student", "email": "another@example.com",
       "password": "something-else"}'
# expect: 409

http POST :5000/auth/register username=student email=another@example.com \
  password=something-else
# expect: 409

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "student"}'
# expect: 400

http POST :5000/auth/register username=student
# expect: 400

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "student", "password": "first-long-passphrase"}'
# expect: 200

http POST :5000/auth/login username=student password=first-long-passphrase
# expect: 200

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "student", "password": "not-my-passphrase"}'
# expect: 401

http POST :5000/auth/login username=student password=not-my-passphrase
# expect: 401

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "nobody", "password": "first-long-passphrase"}'
# expect: 401

http POST :5000/auth/login username=nobody password=first-long-passphrase
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
