#!/usr/bin/env bash
# Requests to try against the stage-14 app: the development server,
# `flask --app run run`, on a database that `flask --app run db upgrade` has made.
# The document is at http://127.0.0.1:5000/openapi.json, the docs page at /docs.
# Each NAME-curl section has a NAME-httpie twin that sends the same request; either tab
# works on its own, from a fresh database. After logging in, copy the access_token of the
# answer into the shell: TOKEN=<the token>.

curl -i http://127.0.0.1:5000/health
# expect: 200

http :5000/health
# expect: 200

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "operator", "email": "operator@example.com",
       "password": "deploy-with-care-42"}'
# expect: 201

http POST :5000/auth/register username=operator email=operator@example.com \
  password=deploy-with-care-42
# expect: 201

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "operator", "password": "deploy-with-care-42"}'
# expect: 200
# save: TOKEN=access_token

http POST :5000/auth/login username=operator password=deploy-with-care-42
# expect: 200
# save: TOKEN=access_token

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Renew the certificate", "due_date": "2026-09-01"}'
# expect: 201

http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" \
  title="Renew the certificate" due_date=2026-09-01
# expect: 201

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "", "status": "someday"}'
# expect: 422

http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" title="" status=someday
# expect: 422

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -d "title=Renew the certificate"
# expect: 415

http --form POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" \
  title="Renew the certificate"
# expect: 415

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" -d '{"title": ""}'
# expect: 401

http POST :5000/api/tasks/ title=""
# expect: 401
