#!/usr/bin/env bash
# Requests to try against the stage-05 app while it runs (flask --app run run), shown under "Check your work".
# Each NAME-curl / NAME-httpie pair does the same thing: the curl sections alone, and the httpie sections alone,
# work in this order against a fresh start of the app with an empty database (the repo's tests run each tool on a
# server of its own).

curl -i http://127.0.0.1:5000/health
# expect: 200

http :5000/health
# expect: 200

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{"title": "Split the app into a package", "description": "Factory and blueprint"}'
# expect: 201

http POST :5000/api/tasks/ title="Split the app into a package" \
  description="Factory and blueprint"
# expect: 201

curl -i http://127.0.0.1:5000/api/tasks/
# expect: 200

http :5000/api/tasks/
# expect: 200

curl -i http://127.0.0.1:5000/api/tasks
# expect: 308

http :5000/api/tasks
# expect: 308

curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 200

http :5000/api/tasks/1
# expect: 200

curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"status": "completed"}'
# expect: 200

http PATCH :5000/api/tasks/1 status=completed
# expect: 200

curl -i "http://127.0.0.1:5000/api/tasks/?status=completed"
# expect: 200

http :5000/api/tasks/ status==completed
# expect: 200

curl -i -X DELETE http://127.0.0.1:5000/api/tasks/1
# expect: 204

http DELETE :5000/api/tasks/1
# expect: 204

curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 404

http :5000/api/tasks/1
# expect: 404
