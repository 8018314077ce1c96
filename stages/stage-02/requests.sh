#!/usr/bin/env bash
# Requests to try against your stage-02 app while it runs (flask --app app run). "Check your work" in the
# chapter shows each curl/HTTPie pair with its answer; the repo's tests run the curl sections and the HTTPie
# sections against two separate fresh starts of the reference solution, each in this order.

curl -i http://127.0.0.1:5000/api/tasks
# expect: 200

http :5000/api/tasks
# expect: 200

curl -i "http://127.0.0.1:5000/api/tasks?status=pending"
# expect: 200

http :5000/api/tasks status==pending
# expect: 200

curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 200

http :5000/api/tasks/1
# expect: 200

curl -i http://127.0.0.1:5000/api/tasks/99
# expect: 404

http :5000/api/tasks/99
# expect: 404

curl -i http://127.0.0.1:5000/api/tasks/abc
# expect: 404

http :5000/api/tasks/abc
# expect: 404

curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '{"title": "  Learn Advanced Flask  "}'
# expect: 201

http POST :5000/api/tasks title="  Learn Advanced Flask  "
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

curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '["Learn Advanced Flask"]'
# expect: 400

http POST :5000/api/tasks --raw '["Learn Advanced Flask"]'
# expect: 400

curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '{"title": '
# expect: 400

http POST :5000/api/tasks --raw '{"title": '
# expect: 400

curl -i -X POST http://127.0.0.1:5000/api/tasks -d "title=Learn Advanced Flask"
# expect: 415

http --form POST :5000/api/tasks title="Learn Advanced Flask"
# expect: 415

curl -i "http://127.0.0.1:5000/api/search?q=flask&limit=5&sort=date"
# expect: 200

http :5000/api/search q==flask limit==5 sort==date
# expect: 200

curl -i "http://127.0.0.1:5000/api/search?q=flask&limit=abc"
# expect: 200

http :5000/api/search q==flask limit==abc
# expect: 200

curl -i http://127.0.0.1:5000/api/search
# expect: 400

http :5000/api/search
# expect: 400

curl -i -H "X-Custom-Header: hello" http://127.0.0.1:5000/api/show-headers
# expect: 200
# answers differ: each tool sends its own User-Agent and default headers

http :5000/api/show-headers X-Custom-Header:hello
# expect: 200
# answers differ: each tool sends its own User-Agent and default headers
