#!/usr/bin/env bash
# Requests for the stage 04 example (in docs_src/stage-04: flask --app app seed, then
# flask --app app run). The curl sections alone, and the httpie sections alone, work in
# this order from a fresh database that the seed command has filled.
# prepare: seed

# --8<-- [start:list-curl]
curl -i http://127.0.0.1:5000/api/bookmarks
# expect: 200
# --8<-- [end:list-curl]

# --8<-- [start:list-httpie]
http :5000/api/bookmarks
# expect: 200
# --8<-- [end:list-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks \
  -H "Content-Type: application/json" \
  -d '{"url": "https://werkzeug.palletsprojects.com/", "title": "Werkzeug",
       "notes": "The toolkit under Flask."}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/bookmarks url=https://werkzeug.palletsprojects.com/ \
  title=Werkzeug notes="The toolkit under Flask."
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:create-incomplete-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks \
  -H "Content-Type: application/json" \
  -d '{"url": "https://example.com/"}'
# expect: 400
# --8<-- [end:create-incomplete-curl]

# --8<-- [start:create-incomplete-httpie]
http POST :5000/api/bookmarks url=https://example.com/
# expect: 400
# --8<-- [end:create-incomplete-httpie]

# --8<-- [start:not-json-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/4 -d "title=Werkzeug"
# expect: 415
# --8<-- [end:not-json-curl]

# --8<-- [start:not-json-httpie]
http --form PATCH :5000/api/bookmarks/4 title=Werkzeug
# expect: 415
# --8<-- [end:not-json-httpie]

# --8<-- [start:search-curl]
curl -i "http://127.0.0.1:5000/api/bookmarks?q=documentation"
# expect: 200
# --8<-- [end:search-curl]

# --8<-- [start:search-httpie]
http :5000/api/bookmarks q==documentation
# expect: 200
# --8<-- [end:search-httpie]

# --8<-- [start:blank-search-curl]
curl -i "http://127.0.0.1:5000/api/bookmarks?q="
# expect: 400
# --8<-- [end:blank-search-curl]

# --8<-- [start:blank-search-httpie]
http :5000/api/bookmarks q==
# expect: 400
# --8<-- [end:blank-search-httpie]

# --8<-- [start:one-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/4
# expect: 200
# --8<-- [end:one-curl]

# --8<-- [start:one-httpie]
http :5000/api/bookmarks/4
# expect: 200
# --8<-- [end:one-httpie]

# --8<-- [start:missing-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/99
# expect: 404
# --8<-- [end:missing-curl]

# --8<-- [start:missing-httpie]
http :5000/api/bookmarks/99
# expect: 404
# --8<-- [end:missing-httpie]

# --8<-- [start:put-curl]
curl -i -X PUT http://127.0.0.1:5000/api/bookmarks/4 \
  -H "Content-Type: application/json" \
  -d '{"url": "https://werkzeug.palletsprojects.com/en/stable/", "title": "Werkzeug"}'
# expect: 200
# --8<-- [end:put-curl]

# --8<-- [start:put-httpie]
http PUT :5000/api/bookmarks/4 url=https://werkzeug.palletsprojects.com/en/stable/ \
  title=Werkzeug
# expect: 200
# --8<-- [end:put-httpie]

# --8<-- [start:put-incomplete-curl]
curl -i -X PUT http://127.0.0.1:5000/api/bookmarks/4 \
  -H "Content-Type: application/json" \
  -d '{"title": "Werkzeug"}'
# expect: 400
# --8<-- [end:put-incomplete-curl]

# --8<-- [start:put-incomplete-httpie]
http PUT :5000/api/bookmarks/4 title=Werkzeug
# expect: 400
# --8<-- [end:put-incomplete-httpie]

# --8<-- [start:patch-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/4 \
  -H "Content-Type: application/json" \
  -d '{"notes": "Routing and the test client."}'
# expect: 200
# --8<-- [end:patch-curl]

# --8<-- [start:patch-httpie]
http PATCH :5000/api/bookmarks/4 notes="Routing and the test client."
# expect: 200
# --8<-- [end:patch-httpie]

# --8<-- [start:patch-nothing-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/4 \
  -H "Content-Type: application/json" \
  -d '{"rating": 5}'
# expect: 400
# --8<-- [end:patch-nothing-curl]

# --8<-- [start:patch-nothing-httpie]
http PATCH :5000/api/bookmarks/4 rating:=5
# expect: 400
# --8<-- [end:patch-nothing-httpie]

# --8<-- [start:delete-curl]
curl -i -X DELETE http://127.0.0.1:5000/api/bookmarks/4
# expect: 204
# --8<-- [end:delete-curl]

# --8<-- [start:delete-httpie]
http DELETE :5000/api/bookmarks/4
# expect: 204
# --8<-- [end:delete-httpie]

# --8<-- [start:deleted-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/4
# expect: 404
# --8<-- [end:deleted-curl]

# --8<-- [start:deleted-httpie]
http :5000/api/bookmarks/4
# expect: 404
# --8<-- [end:deleted-httpie]
