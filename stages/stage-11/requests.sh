#!/usr/bin/env bash
# Requests to try against the stage-11 app, served by the development server:
# `flask --app run run`, on a database that `flask --app run db upgrade` has made.
# Each NAME-curl section has a NAME-httpie twin that sends the same request; either tab
# works on its own, from a freshly started server (the counts live in the server's
# memory: restarting it starts them again). After logging in, copy the access_token of
# the answer into the shell: TOKEN=<the token>. curl -i and HTTPie both print the
# headers: look for X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset.

curl -i http://127.0.0.1:5000/health
# expect: 200

http :5000/health
# expect: 200

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "sentinel", "email": "sentinel@example.com",
       "password": "count-every-try-42"}'
# expect: 201

http POST :5000/auth/register username=sentinel email=sentinel@example.com \
  password=count-every-try-42
# expect: 201

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "sentinel", "password": "count-every-try-42"}'
# expect: 200
# save: TOKEN=access_token

http POST :5000/auth/login username=sentinel password=count-every-try-42
# expect: 200
# save: TOKEN=access_token

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "sentinel", "password": "guess-1"}'
# expect: 401

http POST :5000/auth/login username=sentinel password=guess-1
# expect: 401

for n in 2 3 4; do
  curl -s -o /dev/null -w "%{http_code}\n" -X POST http://127.0.0.1:5000/auth/login \
    -H "Content-Type: application/json" \
    -d "{\"username\": \"sentinel\", \"password\": \"guess-$n\"}"
done

# In a script, --ignore-stdin stops HTTPie from reading a body from its input.
for n in 2 3 4; do
  http --ignore-stdin --print=h POST :5000/auth/login username=sentinel \
    password=guess-$n | head -n 1
done

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "sentinel", "password": "count-every-try-42"}'
# expect: 429

http POST :5000/auth/login username=sentinel password=count-every-try-42
# expect: 429

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "X-Forwarded-For: 203.0.113.77" -H "Content-Type: application/json" \
  -d '{"username": "sentinel", "password": "count-every-try-42"}'
# expect: 429

http POST :5000/auth/login X-Forwarded-For:203.0.113.77 username=sentinel \
  password=count-every-try-42
# expect: 429

curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $TOKEN"
# expect: 200

http :5000/api/tasks/ "Authorization: Bearer $TOKEN"
# expect: 200
