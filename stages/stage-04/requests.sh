#!/usr/bin/env bash
# Requests to try against the stage-04 app while it runs (flask --app app run), shown under "Check your work".
# Each NAME-curl / NAME-httpie pair does the same thing: the curl sections alone, and the httpie sections alone,
# work in this order from a fresh start on an empty database (the repo's tests run each tool on its own server).

curl -i http://127.0.0.1:5000/api/tasks
# expect: 200

http :5000/api/tasks
# expect: 200

curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '{"title": "Learn SQLAlchemy", "description": "Models, sessions, queries"}'
# expect: 201

http POST :5000/api/tasks title="Learn SQLAlchemy" \
  description="Models, sessions, queries"
# expect: 201

curl -i http://127.0.0.1:5000/api/tasks
# expect: 200

http :5000/api/tasks
# expect: 200

curl -i "http://127.0.0.1:5000/api/tasks?status=pending"
# expect: 200

http :5000/api/tasks status==pending
# expect: 200

curl -i "http://127.0.0.1:5000/api/tasks?status=done"
# expect: 400

http :5000/api/tasks status==done
# expect: 400

curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 200

http :5000/api/tasks/1
# expect: 200

curl -i -X PUT http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"title": "Learn SQLAlchemy 2", "status": "completed"}'
# expect: 200

http PUT :5000/api/tasks/1 title="Learn SQLAlchemy 2" status=completed
# expect: 200

curl -i -X PUT http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"status": "pending"}'
# expect: 400

http PUT :5000/api/tasks/1 status=pending
# expect: 400

curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"description": "Sessions make sense now"}'
# expect: 200

http PATCH :5000/api/tasks/1 description="Sessions make sense now"
# expect: 200

curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"priority": "high"}'
# expect: 400

http PATCH :5000/api/tasks/1 priority=high
# expect: 400

curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 -d "status=completed"
# expect: 415

http --form PATCH :5000/api/tasks/1 status=completed
# expect: 415

curl -i -X DELETE http://127.0.0.1:5000/api/tasks/1
# expect: 204

http DELETE :5000/api/tasks/1
# expect: 204

curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 404

http :5000/api/tasks/1
# expect: 404
