#!/usr/bin/env bash
# Requests to try against the stage-15 app, on the development server:
# `flask --app run db upgrade`, then `flask --app run run`. Two accounts: "owner"
# makes a task, "curious" tries to reach it. Each NAME-curl section has a
# NAME-httpie twin that sends the same request; either tab works on its own, from a
# fresh database. After each login, copy the access_token of the answer into the
# variable the section names: TOKEN=<the token> for owner, OTHER=<the token> for
# curious.

# --8<-- [start:health-curl]
curl -i http://127.0.0.1:5000/health
# expect: 200
# show: X-Content-Type-Options, X-Frame-Options, Referrer-Policy
# show: Content-Security-Policy, Strict-Transport-Security
# --8<-- [end:health-curl]

# --8<-- [start:health-httpie]
http :5000/health
# expect: 200
# show: X-Content-Type-Options, X-Frame-Options, Referrer-Policy
# show: Content-Security-Policy, Strict-Transport-Security
# --8<-- [end:health-httpie]

# --8<-- [start:register-owner-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "owner", "email": "owner@example.com",
       "password": "mine-and-only-mine"}'
# expect: 201
# --8<-- [end:register-owner-curl]

# --8<-- [start:register-owner-httpie]
http POST :5000/auth/register username=owner email=owner@example.com \
  password=mine-and-only-mine
# expect: 201
# --8<-- [end:register-owner-httpie]

# --8<-- [start:login-owner-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "owner", "password": "mine-and-only-mine"}'
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-owner-curl]

# --8<-- [start:login-owner-httpie]
http POST :5000/auth/login username=owner password=mine-and-only-mine
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-owner-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Rotate the signing keys"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" \
  title="Rotate the signing keys"
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:register-other-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "curious", "email": "curious@example.com",
       "password": "only-looking-around"}'
# expect: 201
# --8<-- [end:register-other-curl]

# --8<-- [start:register-other-httpie]
http POST :5000/auth/register username=curious email=curious@example.com \
  password=only-looking-around
# expect: 201
# --8<-- [end:register-other-httpie]

# --8<-- [start:login-other-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "curious", "password": "only-looking-around"}'
# expect: 200
# save: OTHER=access_token
# --8<-- [end:login-other-curl]

# --8<-- [start:login-other-httpie]
http POST :5000/auth/login username=curious password=only-looking-around
# expect: 200
# save: OTHER=access_token
# --8<-- [end:login-other-httpie]

# --8<-- [start:theirs-curl]
curl -i http://127.0.0.1:5000/api/tasks/1 -H "Authorization: Bearer $OTHER"
# expect: 404
# --8<-- [end:theirs-curl]

# --8<-- [start:theirs-httpie]
http :5000/api/tasks/1 "Authorization: Bearer $OTHER"
# expect: 404
# --8<-- [end:theirs-httpie]

# --8<-- [start:missing-curl]
curl -i http://127.0.0.1:5000/api/tasks/99 -H "Authorization: Bearer $OTHER"
# expect: 404
# --8<-- [end:missing-curl]

# --8<-- [start:missing-httpie]
http :5000/api/tasks/99 "Authorization: Bearer $OTHER"
# expect: 404
# --8<-- [end:missing-httpie]

# --8<-- [start:delete-theirs-curl]
curl -i -X DELETE http://127.0.0.1:5000/api/tasks/1 \
  -H "Authorization: Bearer $OTHER"
# expect: 404
# --8<-- [end:delete-theirs-curl]

# --8<-- [start:delete-theirs-httpie]
http DELETE :5000/api/tasks/1 "Authorization: Bearer $OTHER"
# expect: 404
# --8<-- [end:delete-theirs-httpie]

# --8<-- [start:other-list-curl]
curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $OTHER"
# expect: 200
# --8<-- [end:other-list-curl]

# --8<-- [start:other-list-httpie]
http :5000/api/tasks/ "Authorization: Bearer $OTHER"
# expect: 200
# --8<-- [end:other-list-httpie]

# --8<-- [start:planted-owner-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $OTHER" -H "Content-Type: application/json" \
  -d '{"title": "Not really mine", "user_id": 1}'
# expect: 422
# --8<-- [end:planted-owner-curl]

# --8<-- [start:planted-owner-httpie]
http POST :5000/api/tasks/ "Authorization: Bearer $OTHER" \
  title="Not really mine" user_id:=1
# expect: 422
# --8<-- [end:planted-owner-httpie]

# --8<-- [start:forwarded-https-curl]
curl -i http://127.0.0.1:5000/health -H "X-Forwarded-Proto: https"
# expect: 200
# show: Strict-Transport-Security
# --8<-- [end:forwarded-https-curl]

# --8<-- [start:forwarded-https-httpie]
http :5000/health X-Forwarded-Proto:https
# expect: 200
# show: Strict-Transport-Security
# --8<-- [end:forwarded-https-httpie]

# --8<-- [start:docs-curl]
curl -i --head http://127.0.0.1:5000/docs
# expect: 200
# show: Content-Security-Policy
# --8<-- [end:docs-curl]

# --8<-- [start:docs-httpie]
http HEAD :5000/docs
# expect: 200
# show: Content-Security-Policy
# --8<-- [end:docs-httpie]
