#!/usr/bin/env bash
# Requests for the stage 15 example (the bookmarks API), served by the development
# server: `flask --app run db upgrade`, `flask --app run init-db` (an admin, a
# member and three bookmarks of the member's), then `flask --app run run`.
# Each NAME-curl section has a NAME-httpie twin that does the same; either tab
# works on its own from a fresh database. After each login, keep the access_token
# of the answer in the variable the section names: TOKEN, OTHER or ADMIN.
# prepare: init-db

# --8<-- [start:login-member-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "member@example.com", "password": "example-password"}'
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-member-curl]

# --8<-- [start:login-member-httpie]
http POST :5000/auth/login email=member@example.com password=example-password
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-member-httpie]

# --8<-- [start:mine-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/1 -H "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Content-Type-Options, X-Frame-Options, Referrer-Policy
# show: Content-Security-Policy, Strict-Transport-Security
# --8<-- [end:mine-curl]

# --8<-- [start:mine-httpie]
http :5000/api/bookmarks/1 "Authorization: Bearer $TOKEN"
# expect: 200
# show: X-Content-Type-Options, X-Frame-Options, Referrer-Policy
# show: Content-Security-Policy, Strict-Transport-Security
# --8<-- [end:mine-httpie]

# --8<-- [start:register-other-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"email": "curious@example.com", "password": "just-looking-around"}'
# expect: 201
# --8<-- [end:register-other-curl]

# --8<-- [start:register-other-httpie]
http POST :5000/auth/register email=curious@example.com password=just-looking-around
# expect: 201
# --8<-- [end:register-other-httpie]

# --8<-- [start:login-other-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "curious@example.com", "password": "just-looking-around"}'
# expect: 200
# save: OTHER=access_token
# --8<-- [end:login-other-curl]

# --8<-- [start:login-other-httpie]
http POST :5000/auth/login email=curious@example.com password=just-looking-around
# expect: 200
# save: OTHER=access_token
# --8<-- [end:login-other-httpie]

# --8<-- [start:theirs-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/1 -H "Authorization: Bearer $OTHER"
# expect: 404
# --8<-- [end:theirs-curl]

# --8<-- [start:theirs-httpie]
http :5000/api/bookmarks/1 "Authorization: Bearer $OTHER"
# expect: 404
# --8<-- [end:theirs-httpie]

# --8<-- [start:missing-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/99 -H "Authorization: Bearer $OTHER"
# expect: 404
# --8<-- [end:missing-curl]

# --8<-- [start:missing-httpie]
http :5000/api/bookmarks/99 "Authorization: Bearer $OTHER"
# expect: 404
# --8<-- [end:missing-httpie]

# --8<-- [start:other-list-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/ -H "Authorization: Bearer $OTHER"
# expect: 200
# --8<-- [end:other-list-curl]

# --8<-- [start:other-list-httpie]
http :5000/api/bookmarks/ "Authorization: Bearer $OTHER"
# expect: 200
# --8<-- [end:other-list-httpie]

# --8<-- [start:planted-owner-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Authorization: Bearer $OTHER" -H "Content-Type: application/json" \
  -d '{"url": "https://example.org/", "title": "Planted", "user_id": 2}'
# expect: 422
# --8<-- [end:planted-owner-curl]

# --8<-- [start:planted-owner-httpie]
http POST :5000/api/bookmarks/ "Authorization: Bearer $OTHER" \
  url=https://example.org/ title=Planted user_id:=2
# expect: 422
# --8<-- [end:planted-owner-httpie]

# --8<-- [start:login-admin-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "admin@example.com", "password": "example-password"}'
# expect: 200
# save: ADMIN=access_token
# --8<-- [end:login-admin-curl]

# --8<-- [start:login-admin-httpie]
http POST :5000/auth/login email=admin@example.com password=example-password
# expect: 200
# save: ADMIN=access_token
# --8<-- [end:login-admin-httpie]

# --8<-- [start:admin-edit-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/1 \
  -H "Authorization: Bearer $ADMIN" -H "Content-Type: application/json" \
  -d '{"title": "Edited by an admin"}'
# expect: 403
# --8<-- [end:admin-edit-curl]

# --8<-- [start:admin-edit-httpie]
http PATCH :5000/api/bookmarks/1 "Authorization: Bearer $ADMIN" \
  title="Edited by an admin"
# expect: 403
# --8<-- [end:admin-edit-httpie]

# --8<-- [start:docs-headers-curl]
curl -i --head http://127.0.0.1:5000/docs
# expect: 200
# show: Content-Security-Policy, X-Frame-Options
# --8<-- [end:docs-headers-curl]

# --8<-- [start:docs-headers-httpie]
http HEAD :5000/docs
# expect: 200
# show: Content-Security-Policy, X-Frame-Options
# --8<-- [end:docs-headers-httpie]
