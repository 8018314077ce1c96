#!/usr/bin/env bash
# Requests to try against the stage 02 example while it runs (flask --app app run).
# The chapter shows each pair; the repo's tests run the curl sections and the HTTPie
# sections against two separate fresh servers, each in this order.

# --8<-- [start:list-curl]
curl -i http://127.0.0.1:5000/api/bookmarks
# expect: 200
# --8<-- [end:list-curl]

# --8<-- [start:list-httpie]
http :5000/api/bookmarks
# expect: 200
# --8<-- [end:list-httpie]

# --8<-- [start:filter-curl]
curl -i "http://127.0.0.1:5000/api/bookmarks?q=HTTP"
# expect: 200
# --8<-- [end:filter-curl]

# --8<-- [start:filter-httpie]
http :5000/api/bookmarks q==HTTP
# expect: 200
# --8<-- [end:filter-httpie]

# --8<-- [start:limit-curl]
curl -i "http://127.0.0.1:5000/api/bookmarks?limit=2"
# expect: 200
# --8<-- [end:limit-curl]

# --8<-- [start:limit-httpie]
http :5000/api/bookmarks limit==2
# expect: 200
# --8<-- [end:limit-httpie]

# --8<-- [start:limit-not-a-number-curl]
curl -i "http://127.0.0.1:5000/api/bookmarks?limit=two"
# expect: 200
# --8<-- [end:limit-not-a-number-curl]

# --8<-- [start:limit-not-a-number-httpie]
http :5000/api/bookmarks limit==two
# expect: 200
# --8<-- [end:limit-not-a-number-httpie]

# --8<-- [start:get-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/2
# expect: 200
# --8<-- [end:get-curl]

# --8<-- [start:get-httpie]
http :5000/api/bookmarks/2
# expect: 200
# --8<-- [end:get-httpie]

# --8<-- [start:missing-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/42
# expect: 404
# --8<-- [end:missing-curl]

# --8<-- [start:missing-httpie]
http :5000/api/bookmarks/42
# expect: 404
# --8<-- [end:missing-httpie]

# --8<-- [start:not-a-number-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/two
# expect: 404
# --8<-- [end:not-a-number-curl]

# --8<-- [start:not-a-number-httpie]
http :5000/api/bookmarks/two
# expect: 404
# --8<-- [end:not-a-number-httpie]

# --8<-- [start:check-curl]
curl -i -G http://127.0.0.1:5000/api/bookmarks/check \
  --data-urlencode "url=https://www.rfc-editor.org/rfc/rfc9110"
# expect: 200
# --8<-- [end:check-curl]

# --8<-- [start:check-httpie]
http :5000/api/bookmarks/check url==https://www.rfc-editor.org/rfc/rfc9110
# expect: 200
# --8<-- [end:check-httpie]

# --8<-- [start:check-no-url-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/check
# expect: 400
# --8<-- [end:check-no-url-curl]

# --8<-- [start:check-no-url-httpie]
http :5000/api/bookmarks/check
# expect: 400
# --8<-- [end:check-no-url-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks \
  -H "Content-Type: application/json" \
  -d '{"url": "https://peps.python.org/pep-0008/", "title": "  PEP 8  "}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/bookmarks \
  url=https://peps.python.org/pep-0008/ title="  PEP 8  "
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:created-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/4
# expect: 200
# --8<-- [end:created-curl]

# --8<-- [start:created-httpie]
http :5000/api/bookmarks/4
# expect: 200
# --8<-- [end:created-httpie]

# --8<-- [start:bad-url-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks \
  -H "Content-Type: application/json" \
  -d '{"url": "ftp://ftp.example.org/", "title": "Old files"}'
# expect: 400
# --8<-- [end:bad-url-curl]

# --8<-- [start:bad-url-httpie]
http POST :5000/api/bookmarks url=ftp://ftp.example.org/ title="Old files"
# expect: 400
# --8<-- [end:bad-url-httpie]

# --8<-- [start:blank-title-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks \
  -H "Content-Type: application/json" \
  -d '{"url": "https://example.org/", "title": "   "}'
# expect: 400
# --8<-- [end:blank-title-curl]

# --8<-- [start:blank-title-httpie]
http POST :5000/api/bookmarks url=https://example.org/ title="   "
# expect: 400
# --8<-- [end:blank-title-httpie]

# --8<-- [start:not-an-object-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks \
  -H "Content-Type: application/json" \
  -d '["https://example.org/"]'
# expect: 400
# --8<-- [end:not-an-object-curl]

# --8<-- [start:not-an-object-httpie]
http POST :5000/api/bookmarks --raw '["https://example.org/"]'
# expect: 400
# --8<-- [end:not-an-object-httpie]

# --8<-- [start:broken-json-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks \
  -H "Content-Type: application/json" \
  -d '{"url": '
# expect: 400
# --8<-- [end:broken-json-curl]

# --8<-- [start:broken-json-httpie]
http POST :5000/api/bookmarks --raw '{"url": '
# expect: 400
# --8<-- [end:broken-json-httpie]

# --8<-- [start:not-json-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks -d "url=https://example.org/"
# expect: 415
# --8<-- [end:not-json-curl]

# --8<-- [start:not-json-httpie]
http --form POST :5000/api/bookmarks url=https://example.org/
# expect: 415
# --8<-- [end:not-json-httpie]

# --8<-- [start:headers-curl]
curl -i http://127.0.0.1:5000/api/client \
  -H "User-Agent: bookmarks-cli/1.0" -H "Accept-Language: fr" -H "X-Reading-List: on"
# expect: 200
# --8<-- [end:headers-curl]

# --8<-- [start:headers-httpie]
http :5000/api/client \
  User-Agent:bookmarks-cli/1.0 Accept-Language:fr X-Reading-List:on
# expect: 200
# --8<-- [end:headers-httpie]
