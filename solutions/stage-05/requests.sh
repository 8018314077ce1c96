#!/usr/bin/env bash
# Requests to try against the stage-05 app while it runs (flask --app run run), shown under "Check your work".
# Each NAME-curl / NAME-httpie pair does the same thing: the curl sections alone, and the httpie sections alone,
# work in this order against a fresh start of the app with an empty database (the repo's tests run each tool on a
# server of its own).

# --8<-- [start:health-curl]
curl -i http://127.0.0.1:5000/health
# expect: 200
# --8<-- [end:health-curl]

# --8<-- [start:health-httpie]
http :5000/health
# expect: 200
# --8<-- [end:health-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks/ \
  -H "Content-Type: application/json" \
  -d '{"title": "Split the app into a package", "description": "Factory and blueprint"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/tasks/ title="Split the app into a package" \
  description="Factory and blueprint"
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:list-curl]
curl -i http://127.0.0.1:5000/api/tasks/
# expect: 200
# --8<-- [end:list-curl]

# --8<-- [start:list-httpie]
http :5000/api/tasks/
# expect: 200
# --8<-- [end:list-httpie]

# --8<-- [start:no-slash-curl]
curl -i http://127.0.0.1:5000/api/tasks
# expect: 308
# --8<-- [end:no-slash-curl]

# --8<-- [start:no-slash-httpie]
http :5000/api/tasks
# expect: 308
# --8<-- [end:no-slash-httpie]

# --8<-- [start:get-curl]
curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 200
# --8<-- [end:get-curl]

# --8<-- [start:get-httpie]
http :5000/api/tasks/1
# expect: 200
# --8<-- [end:get-httpie]

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

# --8<-- [start:filter-curl]
curl -i "http://127.0.0.1:5000/api/tasks/?status=completed"
# expect: 200
# --8<-- [end:filter-curl]

# --8<-- [start:filter-httpie]
http :5000/api/tasks/ status==completed
# expect: 200
# --8<-- [end:filter-httpie]

# --8<-- [start:delete-curl]
curl -i -X DELETE http://127.0.0.1:5000/api/tasks/1
# expect: 204
# --8<-- [end:delete-curl]

# --8<-- [start:delete-httpie]
http DELETE :5000/api/tasks/1
# expect: 204
# --8<-- [end:delete-httpie]

# --8<-- [start:gone-curl]
curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 404
# --8<-- [end:gone-curl]

# --8<-- [start:gone-httpie]
http :5000/api/tasks/1
# expect: 404
# --8<-- [end:gone-httpie]
