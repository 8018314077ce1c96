#!/usr/bin/env bash
# Requests to try against your stage-01 app while it runs (flask --app app run). "Check your work" in the
# chapter shows each curl/HTTPie pair with its answer; the repo's tests run the curl sections and the HTTPie
# sections against two separate fresh starts of the reference solution, each in this order.

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
