#!/usr/bin/env bash
# Requests to try against the stage-15 app, on the development server:
# `flask --app run db upgrade`, then `flask --app run run`. Two accounts: "owner"
# makes a task, "curious" tries to reach it. Each NAME-curl section has a
# NAME-httpie twin that sends the same request; either tab works on its own, from a
# fresh database. After each login, copy the access_token of the answer into the
# variable the section names: TOKEN=<the token> for owner, OTHER=<the token> for
# curious.

curl -i http://127.0.0.1:5000/health
# expect: 200
# show: X-Content-Type-Options, X-Frame-Options, Referrer-Policy
# show: Content-Security-Policy, Strict-Transport-Security

http :5000/health
# expect: 200
# show: X-Content-Type-Options, X-Frame-Options, Referrer-Policy
# show: Content-Security-Policy, Strict-Transport-Security

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "owner", "email": "owner@example.com",
       "password": "mine-and-only-mine"}'
# expect: 201

http POST :5000/auth/register username=owner email=owner@example.com \
  password=mine-and-only-mine
# expect: 201

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "owner", "password": "mine-and-only-mine"}'
# expect: 200
# save: TOKEN=access_token

http POST :5000/auth/login username=owner password=mine-and-only-mine
# expect: 200
# save: TOKEN=access_token

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Rotate the signing keys"}'
# expect: 201

http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" \
  title="Rotate the signing keys"
# expect: 201

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "curious", "email": "curious@example.com",
       "password": "only-looking-around"}'
# expect: 201

http POST :5000/auth/register username=curious email=curious@example.com \
  password=only-looking-around
# expect: 201

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "curious", "password": "only-looking-around"}'
# expect: 200
# save: OTHER=access_token

http POST :5000/auth/login username=curious password=only-looking-around
# expect: 200
# save: OTHER=access_token

curl -i http://127.0.0.1:5000/api/tasks/1 -H "Authorization: Bearer $OTHER"
# expect: 404

http :5000/api/tasks/1 "Authorization: Bearer $OTHER"
# expect: 404

curl -i http://127.0.0.1:5000/api/tasks/99 -H "Authorization: Bearer $OTHER"
# expect: 404

http :5000/api/tasks/99 "Authorization: Bearer $OTHER"
# expect: 404

curl -i -X DELETE http://127.0.0.1:5000/api/tasks/1 \
  -H "Authorization: Bearer $OTHER"
# expect: 404

http DELETE :5000/api/tasks/1 "Authorization: Bearer $OTHER"
# expect: 404

curl -i http://127.0.0.1:5000/api/tasks/ -H "Authorization: Bearer $OTHER"
# expect: 200

http :5000/api/tasks/ "Authorization: Bearer $OTHER"
# expect: 200

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $OTHER" -H "Content-Type: application/json" \
  -d '{"title": "Not really mine", "user_id": 1}'
# expect: 422

http POST :5000/api/tasks/ "Authorization: Bearer $OTHER" \
  title="Not really mine" user_id:=1
# expect: 422

curl -i http://127.0.0.1:5000/health -H "X-Forwarded-Proto: https"
# expect: 200
# show: Strict-Transport-Security

http :5000/health X-Forwarded-Proto:https
# expect: 200
# show: Strict-Transport-Security

curl -i --head http://127.0.0.1:5000/docs
# expect: 200
# show: Content-Security-Policy

http HEAD :5000/docs
# expect: 200
# show: Content-Security-Policy
