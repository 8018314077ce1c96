#!/usr/bin/env bash
# Requests to try against the stage-13 app, on the development server
# (`flask --app run run`, on a database that `flask --app run db upgrade` has made).
# Without a worker, every job waits in the queue: its state is PENDING. Start one in a
# second terminal, from this folder (`celery -A make_celery worker --pool=solo
# --loglevel=info`), and ask again. Each NAME-curl section has a NAME-httpie twin that
# sends the same request; either tab works on its own, from a fresh database. After
# logging in, copy the access_token of the answer into the shell: TOKEN=<the token>;
# after queueing the processing, its job_id: JOB=<the id>.

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
  -d '{"username": "operator", "email": "operator@example.com",
       "password": "deploy-with-care-42"}'
# expect: 201
# --8<-- [end:register-curl]

# --8<-- [start:register-httpie]
http POST :5000/auth/register username=operator email=operator@example.com \
  password=deploy-with-care-42
# expect: 201
# --8<-- [end:register-httpie]

# --8<-- [start:login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"username": "operator", "password": "deploy-with-care-42"}'
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-curl]

# --8<-- [start:login-httpie]
http POST :5000/auth/login username=operator password=deploy-with-care-42
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "Renew the certificate", "due_date": "2026-09-01"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/tasks/ "Authorization: Bearer $TOKEN" \
  title="Renew the certificate" due_date=2026-09-01
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:process-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/1/process \
  -H "Authorization: Bearer $TOKEN"
# expect: 202
# save: JOB=job_id
# --8<-- [end:process-curl]

# --8<-- [start:process-httpie]
http POST :5000/api/tasks/1/process "Authorization: Bearer $TOKEN"
# expect: 202
# save: JOB=job_id
# --8<-- [end:process-httpie]

# --8<-- [start:job-status-curl]
curl -i http://127.0.0.1:5000/api/tasks/jobs/$JOB \
  -H "Authorization: Bearer $TOKEN"
# expect: 200
# --8<-- [end:job-status-curl]

# --8<-- [start:job-status-httpie]
http :5000/api/tasks/jobs/$JOB "Authorization: Bearer $TOKEN"
# expect: 200
# --8<-- [end:job-status-httpie]

# --8<-- [start:process-missing-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/999/process \
  -H "Authorization: Bearer $TOKEN"
# expect: 404
# --8<-- [end:process-missing-curl]

# --8<-- [start:process-missing-httpie]
http POST :5000/api/tasks/999/process "Authorization: Bearer $TOKEN"
# expect: 404
# --8<-- [end:process-missing-httpie]
