#!/usr/bin/env bash
# Requests to try against the stage-06 app while it runs (flask --app run run), shown under "Check your work".
# Each NAME-curl / NAME-httpie pair does the same thing: the curl sections alone, and the httpie sections alone,
# work in this order against a fresh start of the app with an empty database (the repo's tests run each tool on a
# server of its own).

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{"title": "  Learn marshmallow  ", "description": "Schemas, load and dump"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/tasks/ title="  Learn marshmallow  " \
  description="Schemas, load and dump"
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:get-curl]
curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 200
# --8<-- [end:get-curl]

# --8<-- [start:get-httpie]
http :5000/api/tasks/1
# expect: 200
# --8<-- [end:get-httpie]

# --8<-- [start:no-title-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{}'
# expect: 422
# --8<-- [end:no-title-curl]

# --8<-- [start:no-title-httpie]
http POST :5000/api/tasks/ --raw '{}'
# expect: 422
# --8<-- [end:no-title-httpie]

# --8<-- [start:several-errors-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{"title": "   ", "status": "done", "description": 5}'
# expect: 422
# --8<-- [end:several-errors-curl]

# --8<-- [start:several-errors-httpie]
http POST :5000/api/tasks/ title="   " status=done description:=5
# expect: 422
# --8<-- [end:several-errors-httpie]

# --8<-- [start:output-only-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{"title": "Pick my own id", "id": 99}'
# expect: 422
# --8<-- [end:output-only-curl]

# --8<-- [start:output-only-httpie]
http POST :5000/api/tasks/ title="Pick my own id" id:=99
# expect: 422
# --8<-- [end:output-only-httpie]

# --8<-- [start:unknown-field-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{"title": "Urgent", "priority": "high"}'
# expect: 422
# --8<-- [end:unknown-field-curl]

# --8<-- [start:unknown-field-httpie]
http POST :5000/api/tasks/ title=Urgent priority=high
# expect: 422
# --8<-- [end:unknown-field-httpie]

# --8<-- [start:not-an-object-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '["Learn marshmallow"]'
# expect: 422
# --8<-- [end:not-an-object-curl]

# --8<-- [start:not-an-object-httpie]
http POST :5000/api/tasks/ --raw '["Learn marshmallow"]'
# expect: 422
# --8<-- [end:not-an-object-httpie]

# --8<-- [start:form-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ -d "title=Learn marshmallow"
# expect: 415
# --8<-- [end:form-curl]

# --8<-- [start:form-httpie]
http --form POST :5000/api/tasks/ title="Learn marshmallow"
# expect: 415
# --8<-- [end:form-httpie]

# --8<-- [start:put-missing-curl]
curl -i -X PUT http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"title": "Learn marshmallow 4"}'
# expect: 422
# --8<-- [end:put-missing-curl]

# --8<-- [start:put-missing-httpie]
http PUT :5000/api/tasks/1 title="Learn marshmallow 4"
# expect: 422
# --8<-- [end:put-missing-httpie]

# --8<-- [start:put-curl]
curl -i -X PUT http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"title": "Learn marshmallow 4", "status": "pending"}'
# expect: 200
# --8<-- [end:put-curl]

# --8<-- [start:put-httpie]
http PUT :5000/api/tasks/1 title="Learn marshmallow 4" status=pending
# expect: 200
# --8<-- [end:put-httpie]

# --8<-- [start:patch-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"status": "completed"}'
# expect: 200
# --8<-- [end:patch-curl]

# --8<-- [start:patch-httpie]
http PATCH :5000/api/tasks/1 status=completed
# expect: 200
# --8<-- [end:patch-httpie]

# --8<-- [start:patch-bad-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"status": "finished"}'
# expect: 422
# --8<-- [end:patch-bad-curl]

# --8<-- [start:patch-bad-httpie]
http PATCH :5000/api/tasks/1 status=finished
# expect: 422
# --8<-- [end:patch-bad-httpie]

# --8<-- [start:patch-empty-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{}'
# expect: 400
# --8<-- [end:patch-empty-curl]

# --8<-- [start:patch-empty-httpie]
http PATCH :5000/api/tasks/1 --raw '{}'
# expect: 400
# --8<-- [end:patch-empty-httpie]

# --8<-- [start:list-curl]
curl -i http://127.0.0.1:5000/api/tasks/
# expect: 200
# --8<-- [end:list-curl]

# --8<-- [start:list-httpie]
http :5000/api/tasks/
# expect: 200
# --8<-- [end:list-httpie]

# --8<-- [start:delete-curl]
curl -i -X DELETE http://127.0.0.1:5000/api/tasks/1
# expect: 204
# --8<-- [end:delete-curl]

# --8<-- [start:delete-httpie]
http DELETE :5000/api/tasks/1
# expect: 204
# --8<-- [end:delete-httpie]
