#!/usr/bin/env bash
# Requests for the stage 08 example (the bookmarks API), served with
# `flask --app run run` after `flask --app run db upgrade` and `flask --app run init-db`.
# Each NAME-curl section has a NAME-httpie twin that does the same; either tab works on
# its own from a fresh database. After logging in, keep the access token in a shell
# variable: TOKEN=<access_token>.
# prepare: init-db

# --8<-- [start:login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "member@example.com", "password": "example-password"}'
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-curl]

# --8<-- [start:login-httpie]
http POST :5000/auth/login email=member@example.com password=example-password
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"url": "https://alembic.sqlalchemy.org/", "title": "Alembic",
       "visited_on": "2024-05-02"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/bookmarks/ "Authorization: Bearer $TOKEN" \
  url=https://alembic.sqlalchemy.org/ title=Alembic visited_on=2024-05-02
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:not-a-day-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/4 \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"visited_on": "2024-02-30"}'
# expect: 422
# --8<-- [end:not-a-day-curl]

# --8<-- [start:not-a-day-httpie]
http PATCH :5000/api/bookmarks/4 "Authorization: Bearer $TOKEN" visited_on=2024-02-30
# expect: 422
# --8<-- [end:not-a-day-httpie]

# --8<-- [start:future-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/4 \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"visited_on": "2999-01-01"}'
# expect: 422
# --8<-- [end:future-curl]

# --8<-- [start:future-httpie]
http PATCH :5000/api/bookmarks/4 "Authorization: Bearer $TOKEN" visited_on=2999-01-01
# expect: 422
# --8<-- [end:future-httpie]

# --8<-- [start:clear-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/4 \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"visited_on": null}'
# expect: 200
# --8<-- [end:clear-curl]

# --8<-- [start:clear-httpie]
http PATCH :5000/api/bookmarks/4 "Authorization: Bearer $TOKEN" visited_on:=null
# expect: 200
# --8<-- [end:clear-httpie]
