#!/usr/bin/env bash
# Requests to try against the stage-08 app while it runs (flask --app run run), on a database that
# `flask --app run db upgrade` has brought to the latest revision.
# Each is shown on the chapter page; the repo's tests run every one of them, in this order, against the solution.
# Each NAME-curl section has a NAME-httpie twin that sends the same request; either tab works on its own, from a
# fresh database. After logging in, copy the access_token of the answer into the shell: TOKEN=<the token>.

curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"username": "student", "email": "student@example.com",
       "password": "first-long-passphrase"}'
# expect: 201

http POST :5000/auth/register username=student email=student@example.com \
  password=first-long-passphrase
# expect: 201

curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "student", "password": "first-long-passphrase"}'
# expect: 200
# save: TOKEN=access_token

http POST :5000/auth/login username=student password=first-long-passphrase
# expect: 200
# save: TOKEN=access_token

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Review the migration", "due_date": "2026-03-15"}'
# expect: 201

http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" \
  title="Review the migration" due_date=2026-03-15
# expect: 201

curl -i http://127.0.0.1:5000/api/tasks/1 -H "Authorization: Bearer $TOKEN"
# expect: 200

http :5000/api/tasks/1 "Authorization: Bearer $TOKEN"
# expect: 200

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Leap into March", "due_date": "2026-02-30"}'
# expect: 422

http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" \
  title="Leap into March" due_date=2026-02-30
# expect: 422

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Some day", "due_date": "tomorrow"}'
# expect: 422

http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" \
  title="Some day" due_date=tomorrow
# expect: 422

curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"due_date": null}'
# expect: 200

http PATCH :5000/api/tasks/1 "Authorization: Bearer $TOKEN" due_date:=null
# expect: 200
