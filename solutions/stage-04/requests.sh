#!/usr/bin/env bash
# Requests to try against the stage-04 app while it runs (flask --app app run), shown under "Check your work".
# Each NAME-curl / NAME-httpie pair does the same thing: the curl sections alone, and the httpie sections alone,
# work in this order from a fresh start on an empty database (the repo's tests run each tool on its own server).

# --8<-- [start:list-empty-curl]
curl -i http://127.0.0.1:5000/api/tasks
# expect: 200
# --8<-- [end:list-empty-curl]

# --8<-- [start:list-empty-httpie]
http :5000/api/tasks
# expect: 200
# --8<-- [end:list-empty-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '{"title": "Learn SQLAlchemy", "description": "Models, sessions, queries"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/tasks title="Learn SQLAlchemy" \
  description="Models, sessions, queries"
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:list-curl]
curl -i http://127.0.0.1:5000/api/tasks
# expect: 200
# --8<-- [end:list-curl]

# --8<-- [start:list-httpie]
http :5000/api/tasks
# expect: 200
# --8<-- [end:list-httpie]

# --8<-- [start:filter-curl]
curl -i "http://127.0.0.1:5000/api/tasks?status=pending"
# expect: 200
# --8<-- [end:filter-curl]

# --8<-- [start:filter-httpie]
http :5000/api/tasks status==pending
# expect: 200
# --8<-- [end:filter-httpie]

# --8<-- [start:bad-filter-curl]
curl -i "http://127.0.0.1:5000/api/tasks?status=done"
# expect: 400
# --8<-- [end:bad-filter-curl]

# --8<-- [start:bad-filter-httpie]
http :5000/api/tasks status==done
# expect: 400
# --8<-- [end:bad-filter-httpie]

# --8<-- [start:get-curl]
curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 200
# --8<-- [end:get-curl]

# --8<-- [start:get-httpie]
http :5000/api/tasks/1
# expect: 200
# --8<-- [end:get-httpie]

# --8<-- [start:put-curl]
curl -i -X PUT http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"title": "Learn SQLAlchemy 2", "status": "completed"}'
# expect: 200
# --8<-- [end:put-curl]

# --8<-- [start:put-httpie]
http PUT :5000/api/tasks/1 title="Learn SQLAlchemy 2" status=completed
# expect: 200
# --8<-- [end:put-httpie]

# --8<-- [start:put-incomplete-curl]
curl -i -X PUT http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"status": "pending"}'
# expect: 400
# --8<-- [end:put-incomplete-curl]

# --8<-- [start:put-incomplete-httpie]
http PUT :5000/api/tasks/1 status=pending
# expect: 400
# --8<-- [end:put-incomplete-httpie]

# --8<-- [start:patch-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"description": "Sessions make sense now"}'
# expect: 200
# --8<-- [end:patch-curl]

# --8<-- [start:patch-httpie]
http PATCH :5000/api/tasks/1 description="Sessions make sense now"
# expect: 200
# --8<-- [end:patch-httpie]

# --8<-- [start:patch-nothing-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 \
  -H "Content-Type: application/json" \
  -d '{"priority": "high"}'
# expect: 400
# --8<-- [end:patch-nothing-curl]

# --8<-- [start:patch-nothing-httpie]
http PATCH :5000/api/tasks/1 priority=high
# expect: 400
# --8<-- [end:patch-nothing-httpie]

# --8<-- [start:not-json-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/tasks/1 -d "status=completed"
# expect: 415
# --8<-- [end:not-json-curl]

# --8<-- [start:not-json-httpie]
http --form PATCH :5000/api/tasks/1 status=completed
# expect: 415
# --8<-- [end:not-json-httpie]

# --8<-- [start:delete-curl]
curl -i -X DELETE http://127.0.0.1:5000/api/tasks/1
# expect: 204
# --8<-- [end:delete-curl]

# --8<-- [start:delete-httpie]
http DELETE :5000/api/tasks/1
# expect: 204
# --8<-- [end:delete-httpie]

# --8<-- [start:deleted-curl]
curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 404
# --8<-- [end:deleted-curl]

# --8<-- [start:deleted-httpie]
http :5000/api/tasks/1
# expect: 404
# --8<-- [end:deleted-httpie]
