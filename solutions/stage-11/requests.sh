#!/usr/bin/env bash
# Requests to try against the stage-11 app, served by the development server:
# `flask --app run run`, on a database that `flask --app run db upgrade` has made.
# Each NAME-curl section has a NAME-httpie twin that sends the same request; either tab
# works on its own, from a freshly started server (the counts live in the server's
# memory: restarting it starts them again). After logging in, copy the access_token of
# the answer into the shell: TOKEN=<the token>. curl -i and HTTPie both print the
# headers: look for X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset.

# --8<-- [start:health-curl]
curl -i http://127.0.0.1:5000/health
# expect: 200
# --8<-- [end:health-curl]

# --8<-- [start:health-httpie]
http :5000/health
# expect: 200
# --8<-- [end:health-httpie]

# --8<-- [start:register-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "sentinel", "email": "sentinel@example.com",
       "password": "count-every-try-42"}'
# expect: 201
# --8<-- [end:register-curl]

# --8<-- [start:register-httpie]
http POST :5000/auth/register username=sentinel email=sentinel@example.com \
  password=count-every-try-42
# expect: 201
# --8<-- [end:register-httpie]

# --8<-- [start:login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "sentinel", "password": "count-every-try-42"}'
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-curl]

# --8<-- [start:login-httpie]
http POST :5000/auth/login username=sentinel password=count-every-try-42
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-httpie]

# --8<-- [start:wrong-password-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "sentinel", "password": "guess-1"}'
# expect: 401
# --8<-- [end:wrong-password-curl]

# --8<-- [start:wrong-password-httpie]
http POST :5000/auth/login username=sentinel password=guess-1
# expect: 401
# --8<-- [end:wrong-password-httpie]

# --8<-- [start:more-guesses-curl]
for n in 2 3 4; do
  curl -s -o /dev/null -w "%{http_code}\n" -X POST http://127.0.0.1:5000/auth/login \
    -H "Content-Type: application/json" \
    -d "{\"username\": \"sentinel\", \"password\": \"guess-$n\"}"
done
# --8<-- [end:more-guesses-curl]

# --8<-- [start:more-guesses-httpie]
# In a script, --ignore-stdin stops HTTPie from reading a body from its input.
for n in 2 3 4; do
  http --ignore-stdin --print=h POST :5000/auth/login username=sentinel \
    password=guess-$n | head -n 1
done
# --8<-- [end:more-guesses-httpie]

# --8<-- [start:locked-out-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "sentinel", "password": "count-every-try-42"}'
# expect: 429
# --8<-- [end:locked-out-curl]

# --8<-- [start:locked-out-httpie]
http POST :5000/auth/login username=sentinel password=count-every-try-42
# expect: 429
# --8<-- [end:locked-out-httpie]

# --8<-- [start:forged-address-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "X-Forwarded-For: 203.0.113.77" -H "Content-Type: application/json" \
  -d '{"username": "sentinel", "password": "count-every-try-42"}'
# expect: 429
# --8<-- [end:forged-address-curl]

# --8<-- [start:forged-address-httpie]
http POST :5000/auth/login X-Forwarded-For:203.0.113.77 username=sentinel \
  password=count-every-try-42
# expect: 429
# --8<-- [end:forged-address-httpie]

# --8<-- [start:list-curl]
curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $TOKEN"
# expect: 200
# --8<-- [end:list-curl]

# --8<-- [start:list-httpie]
http :5000/api/tasks/ "Authorization: Bearer $TOKEN"
# expect: 200
# --8<-- [end:list-httpie]
