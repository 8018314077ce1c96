#!/usr/bin/env bash
# Requests for the stage 11 example (the bookmarks API with rate limits), served by
# the development server: `flask --app run run` after `flask --app run db upgrade`.
# Each NAME-curl section has a NAME-httpie twin that does the same; either tab works on
# its own from a fresh server. The limits count from the server's start: restart it
# to begin again. Add -i (curl) or --print=hb (HTTPie) to see every header.

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

# --8<-- [start:login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "reader@example.com", "password": "reading-every-day"}'
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-curl]

# --8<-- [start:login-httpie]
http POST :5000/auth/login email=reader@example.com password=reading-every-day
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-httpie]

# --8<-- [start:guesses-curl]
for guess in one two; do
  curl -s -o /dev/null -w "%{http_code}\n" -X POST http://127.0.0.1:5000/auth/login \
    -H "Content-Type: application/json" \
    -d "{\"email\": \"reader@example.com\", \"password\": \"$guess\"}"
done
# --8<-- [end:guesses-curl]

# --8<-- [start:guesses-httpie]
# In a script, --ignore-stdin stops HTTPie from reading a body from its input.
for guess in one two; do
  http --ignore-stdin --print=h POST :5000/auth/login email=reader@example.com \
    password=$guess | head -n 1
done
# --8<-- [end:guesses-httpie]

# --8<-- [start:locked-out-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "reader@example.com", "password": "reading-every-day"}'
# expect: 429
# --8<-- [end:locked-out-curl]

# --8<-- [start:locked-out-httpie]
http POST :5000/auth/login email=reader@example.com password=reading-every-day
# expect: 429
# --8<-- [end:locked-out-httpie]

# --8<-- [start:with-token-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"url": "https://limits.readthedocs.io/", "title": "limits"}'
# expect: 201
# --8<-- [end:with-token-curl]

# --8<-- [start:with-token-httpie]
http POST :5000/api/bookmarks/ "Authorization: Bearer $TOKEN" \
  url=https://limits.readthedocs.io/ title=limits
# expect: 201
# --8<-- [end:with-token-httpie]

# --8<-- [start:health-curl]
curl -i http://127.0.0.1:5000/health
# expect: 200
# --8<-- [end:health-curl]

# --8<-- [start:health-httpie]
http :5000/health
# expect: 200
# --8<-- [end:health-httpie]
