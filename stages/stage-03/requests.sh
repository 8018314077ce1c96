#!/usr/bin/env bash
# Requests to try against the stage-03 app while it runs (flask --app app run), shown under "Check your work".
# Each NAME-curl / NAME-httpie pair does the same thing: the curl sections alone, and the httpie sections alone,
# work in this order against a fresh start of the app (the repo's tests run each tool on a server of its own).

curl -i http://127.0.0.1:5000/api/tasks
# expect: 200

http :5000/api/tasks
# expect: 200

curl -i "http://127.0.0.1:5000/api/tasks?status=pending"
# expect: 200

http :5000/api/tasks status==pending
# expect: 200

curl -i http://127.0.0.1:5000/api/tasks/99
# expect: 404

http :5000/api/tasks/99
# expect: 404

curl -i http://127.0.0.1:5000/api/nothing-here
# expect: 404

http :5000/api/nothing-here
# expect: 404

curl -i -X DELETE http://127.0.0.1:5000/api/tasks
# expect: 405

http DELETE :5000/api/tasks
# expect: 405

curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '{"title": "Learn status codes"}'
# expect: 201

http POST :5000/api/tasks title="Learn status codes"
# expect: 201

curl -i http://127.0.0.1:5000/api/tasks/4
# expect: 200

http :5000/api/tasks/4
# expect: 200

curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '{"title": "   "}'
# expect: 400

http POST :5000/api/tasks title="   "
# expect: 400

curl -i -X POST http://127.0.0.1:5000/api/tasks -d "title=Sent as a form"
# expect: 415

http --form POST :5000/api/tasks title="Sent as a form"
# expect: 415

curl -i -X PUT http://127.0.0.1:5000/api/tasks/3/status \
  -H "Content-Type: application/json" \
  -d '{"status": "completed"}'
# expect: 200

http PUT :5000/api/tasks/3/status status=completed
# expect: 200

curl -i -X PUT http://127.0.0.1:5000/api/tasks/3/status \
  -H "Content-Type: application/json" \
  -d '{"status": "done"}'
# expect: 400

http PUT :5000/api/tasks/3/status status=done
# expect: 400

curl -i -X DELETE http://127.0.0.1:5000/api/tasks/1
# expect: 204

http DELETE :5000/api/tasks/1
# expect: 204

curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 404

http :5000/api/tasks/1
# expect: 404
