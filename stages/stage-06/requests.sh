#!/usr/bin/env bash
# Requests to try against the stage-06 app while it runs (flask --app run run), shown under "Check your work".
# Each NAME-curl / NAME-httpie pair does the same thing: the curl sections alone, and the httpie sections alone,
# work in this order against a fresh start of the app with an empty database (the repo's tests run each tool on a
# server of its own).

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{"title": "  Learn marshmallow  ", "description": "Schemas, load and dump"}'
# expect: 201

http POST :5000/api/tasks/ title="  Learn marshmallow  " \
  description="Schemas, load and dump"
# expect: 201

curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 200

http :5000/api/tasks/1
# expect: 200

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{}'
# expect: 422

http POST :5000/api/tasks/ --raw '{}'
# expect: 422

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{"title": "   ", "status": "done", "description": 5}'
# expect: 422

http POST :5000/api/tasks/ title="   " status=done description:=5
# expect: 422

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{"title": "Pick my own id", "id": 99}'
# expect: 422

http POST :5000/api/tasks/ title="Pick my own id" id:=99
# expect: 422

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{"title": "Urgent", "priority": "high"}'
# expect: 422

http POST :5000/api/tasks/ title=Urgent priority=high
# expect: 422

curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '["Learn marshmallow"]'
# expect: 422

http POST :5000/api/tasks/ --raw '["Learn marshmallow"]'
# expect: 422

curl -i -X POST http://127.0.0.1:5000/api/tasks/ -d "title=Learn marshmallow"
# expect: 415

http --form POST :5000/api/tasks/ title="Learn marshmallow"
# expect: 415

curl -i -X PUT http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"title": "Learn marshmallow 4"}'
# expect: 422

http PUT :5000/api/tasks/1 title="Learn marshmallow 4"
# expect: 422

curl -i -X PUT http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"title": "Learn marshmallow 4", "status": "pending"}'
# expect: 200

http PUT :5000/api/tasks/1 title="Learn marshmallow 4" status=pending
# expect: 200

curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"status": "completed"}'
# expect: 200

http PATCH :5000/api/tasks/1 status=completed
# expect: 200

curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"status": "finished"}'
# expect: 422

http PATCH :5000/api/tasks/1 status=finished
# expect: 422

curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{}'
# expect: 400

http PATCH :5000/api/tasks/1 --raw '{}'
# expect: 400

curl -i http://127.0.0.1:5000/api/tasks/
# expect: 200

http :5000/api/tasks/
# expect: 200

curl -i -X DELETE http://127.0.0.1:5000/api/tasks/1
# expect: 204

http DELETE :5000/api/tasks/1
# expect: 204
