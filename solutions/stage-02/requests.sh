#!/usr/bin/env bash
# Requests to try against your stage-02 app while it runs (flask --app app run). "Check your work" in the
# chapter shows each curl/HTTPie pair with its answer; the repo's tests run the curl sections and the HTTPie
# sections against two separate fresh starts of the reference solution, each in this order.

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

# --8<-- [start:get-curl]
curl -i http://127.0.0.1:5000/api/tasks/1
# expect: 200
# --8<-- [end:get-curl]

# --8<-- [start:get-httpie]
http :5000/api/tasks/1
# expect: 200
# --8<-- [end:get-httpie]

# --8<-- [start:missing-curl]
curl -i http://127.0.0.1:5000/api/tasks/99
# expect: 404
# --8<-- [end:missing-curl]

# --8<-- [start:missing-httpie]
http :5000/api/tasks/99
# expect: 404
# --8<-- [end:missing-httpie]

# --8<-- [start:not-a-number-curl]
curl -i http://127.0.0.1:5000/api/tasks/abc
# expect: 404
# --8<-- [end:not-a-number-curl]

# --8<-- [start:not-a-number-httpie]
http :5000/api/tasks/abc
# expect: 404
# --8<-- [end:not-a-number-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '{"title": "  Learn Advanced Flask  "}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/tasks title="  Learn Advanced Flask  "
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:created-curl]
curl -i http://127.0.0.1:5000/api/tasks/4
# expect: 200
# --8<-- [end:created-curl]

# --8<-- [start:created-httpie]
http :5000/api/tasks/4
# expect: 200
# --8<-- [end:created-httpie]

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

# --8<-- [start:not-an-object-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '["Learn Advanced Flask"]'
# expect: 400
# --8<-- [end:not-an-object-curl]

# --8<-- [start:not-an-object-httpie]
http POST :5000/api/tasks --raw '["Learn Advanced Flask"]'
# expect: 400
# --8<-- [end:not-an-object-httpie]

# --8<-- [start:broken-json-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks \
  -H "Content-Type: application/json" \
  -d '{"title": '
# expect: 400
# --8<-- [end:broken-json-curl]

# --8<-- [start:broken-json-httpie]
http POST :5000/api/tasks --raw '{"title": '
# expect: 400
# --8<-- [end:broken-json-httpie]

# --8<-- [start:not-json-curl]
curl -i -X POST http://127.0.0.1:5000/api/tasks -d "title=Learn Advanced Flask"
# expect: 415
# --8<-- [end:not-json-curl]

# --8<-- [start:not-json-httpie]
http --form POST :5000/api/tasks title="Learn Advanced Flask"
# expect: 415
# --8<-- [end:not-json-httpie]

# --8<-- [start:search-curl]
curl -i "http://127.0.0.1:5000/api/search?q=flask&limit=5&sort=date"
# expect: 200
# --8<-- [end:search-curl]

# --8<-- [start:search-httpie]
http :5000/api/search q==flask limit==5 sort==date
# expect: 200
# --8<-- [end:search-httpie]

# --8<-- [start:search-bad-limit-curl]
curl -i "http://127.0.0.1:5000/api/search?q=flask&limit=abc"
# expect: 200
# --8<-- [end:search-bad-limit-curl]

# --8<-- [start:search-bad-limit-httpie]
http :5000/api/search q==flask limit==abc
# expect: 200
# --8<-- [end:search-bad-limit-httpie]

# --8<-- [start:search-no-q-curl]
curl -i http://127.0.0.1:5000/api/search
# expect: 400
# --8<-- [end:search-no-q-curl]

# --8<-- [start:search-no-q-httpie]
http :5000/api/search
# expect: 400
# --8<-- [end:search-no-q-httpie]

# --8<-- [start:headers-curl]
curl -i -H "X-Custom-Header: hello" http://127.0.0.1:5000/api/show-headers
# expect: 200
# answers differ: each tool sends its own User-Agent and default headers
# --8<-- [end:headers-curl]

# --8<-- [start:headers-httpie]
http :5000/api/show-headers X-Custom-Header:hello
# expect: 200
# answers differ: each tool sends its own User-Agent and default headers
# --8<-- [end:headers-httpie]
