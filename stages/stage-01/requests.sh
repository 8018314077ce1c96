#!/usr/bin/env bash
# Requests to try against the stage-01 app while it runs (flask --app app run). Each is shown on the chapter page;
# the repo's tests run every one of them against the reference solution.

curl -i http://127.0.0.1:5000/
# expect: 200

http :5000/
# expect: 200

curl -i http://127.0.0.1:5000/api/hello
# expect: 200

http :5000/api/hello
# expect: 200

curl -i http://127.0.0.1:5000/api/welcome
# expect: 200

http :5000/api/welcome
# expect: 200

curl -i http://127.0.0.1:5000/api/greet/Ada%20Lovelace
# expect: 200

http ":5000/api/greet/Ada Lovelace"
# expect: 200

curl -i -X POST http://127.0.0.1:5000/api/hello
# expect: 405

http POST :5000/api/hello
# expect: 405

curl -i http://127.0.0.1:5000/api/goodbye
# expect: 404

http :5000/api/goodbye
# expect: 404
