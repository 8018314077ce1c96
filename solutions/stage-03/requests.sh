#!/usr/bin/env bash
# Requests to try against the stage-03 app while it runs (flask --app app run), shown under "Check your work".
# Each NAME-curl / NAME-httpie pair does the same thing: the curl sections alone, and the httpie sections alone,
# work in this order against a fresh start of the app (the repo's tests run each tool on a server of its own).

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

# --8<-- [start:missing-curl]
curl -i http://127.0.0.1:5000/api/tasks/99
# expect: 404
# --8<-- [end:missing-curl]

# --8<-- [start:missing-httpie]
http :5000/api/tasks/99
# expect: 404
# --8<-- [end:missing-httpie]

# --8<-- [start:unknown-url-curl]
curl -i http://127.0.0.1:5000/api/nothing-here
# expect: 404
# --8<-- [end:unknown-url-curl]

# --8<-- [start:unknown-url-httpie]
http :5000/api/nothing-here
# expect: 404
# --8<-- [end:unknown-url-httpie]

# --8<-- [start:wrong-method-curl]
curl -i -X DELETE http://127.0.0.1:5000/api/tasks
# expect: 405
# --8<-- [end:wrong-method-curl]

# --8<-- [start:wrong-method-httpie]
http DELETE :5000/api/tasks
# expect: 405
# --8<-- [end:wrong-method-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '{"title": "Learn status codes"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/tasks title="Learn status codes"
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:follow-curl]
curl -i http://127.0.0.1:5000/api/tasks/4
# expect: 200
# --8<-- [end:follow-curl]

# --8<-- [start:follow-httpie]
http :5000/api/tasks/4
# expect: 200
# --8<-- [end:follow-httpie]

# --8<-- [start:blank-title-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '{"title": "   "}'
# expect: 400
# --8<-- [end:blank-title-curl]

# --8<-- [start:blank-title-httpie]
http POST :5000/api/tasks title="   "
# expect: 400
# --8<-- [end:blank-title-httpie]

# --8<-- [start:form-body-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks -d "title=Sent as a form"
# expect: 415
# --8<-- [end:form-body-curl]

# --8<-- [start:form-body-httpie]
http --form POST :5000/api/tasks title="Sent as a form"
# expect: 415
# --8<-- [end:form-body-httpie]

# --8<-- [start:update-curl]
curl -i -X PUT http://127.0.0.1:5000/api/tasks/3/status \
  -H "Content-Type: application/json" \
  -d '{"status": "completed"}'
# expect: 200
# --8<-- [end:update-curl]

# --8<-- [start:update-httpie]
http PUT :5000/api/tasks/3/status status=completed
# expect: 200
# --8<-- [end:update-httpie]

# --8<-- [start:update-invalid-curl]
curl -i -X PUT http://127.0.0.1:5000/api/tasks/3/status \
  -H "Content-Type: application/json" \
  -d '{"status": "done"}'
# expect: 400
# --8<-- [end:update-invalid-curl]

# --8<-- [start:update-invalid-httpie]
http PUT :5000/api/tasks/3/status status=done
# expect: 400
# --8<-- [end:update-invalid-httpie]

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
