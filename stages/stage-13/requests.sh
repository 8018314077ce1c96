#!/usr/bin/env bash
# Requests to try against the stage-13 app, on the development server
# (`flask --app run run`, on a database that `flask --app run db upgrade` has made).
# Without a worker, every job waits in the queue: its state is PENDING. Start one in a
# second terminal, from this folder (`celery -A make_celery worker --pool=solo
# --loglevel=info`), and ask again. Each NAME-curl section has a NAME-httpie twin that
# sends the same request; either tab works on its own, from a fresh database. After
# logging in, copy the access_token of the answer into the shell: TOKEN=<the token>;
# after queueing the processing, its job_id: JOB=<the id>.

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

curl -i -X POST http://127.0.0.1:5000/api/tasks/1/process \
  -H "Authorization: Bearer $TOKEN"
# expect: 202
# save: JOB=job_id

http POST :5000/api/tasks/1/process "Authorization: Bearer $TOKEN"
# expect: 202
# save: JOB=job_id

curl -i http://127.0.0.1:5000/api/tasks/jobs/$JOB \
  -H "Authorization: Bearer $TOKEN"
# expect: 200

http :5000/api/tasks/jobs/$JOB "Authorization: Bearer $TOKEN"
# expect: 200

curl -i -X POST http://127.0.0.1:5000/api/tasks/999/process \
  -H "Authorization: Bearer $TOKEN"
# expect: 404

http POST :5000/api/tasks/999/process "Authorization: Bearer $TOKEN"
# expect: 404
