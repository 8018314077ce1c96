#!/usr/bin/env bash
# Requests for the stage 03 example (flask --app app run in docs_src/stage-03). The curl
# sections alone, and the httpie sections alone, work in this order from a fresh start.

# --8<-- [start:list-curl]
curl -i http://127.0.0.1:5000/api/bookmarks
# expect: 200
# --8<-- [end:list-curl]

# --8<-- [start:list-httpie]
http :5000/api/bookmarks
# expect: 200
# --8<-- [end:list-httpie]

# --8<-- [start:one-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/1
# expect: 200
# --8<-- [end:one-curl]

# --8<-- [start:one-httpie]
http :5000/api/bookmarks/1
# expect: 200
# --8<-- [end:one-httpie]

# --8<-- [start:search-curl]
curl -i "http://127.0.0.1:5000/api/bookmarks?q=http"
# expect: 200
# --8<-- [end:search-curl]

# --8<-- [start:search-httpie]
http :5000/api/bookmarks q==http
# expect: 200
# --8<-- [end:search-httpie]

# --8<-- [start:bad-url-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks \
  -H "Content-Type: application/json" \
  -d '{"url": "example.com", "title": "No scheme"}'
# expect: 400
# --8<-- [end:bad-url-curl]

# --8<-- [start:bad-url-httpie]
http POST :5000/api/bookmarks url=example.com title="No scheme"
# expect: 400
# --8<-- [end:bad-url-httpie]

# --8<-- [start:form-body-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks -d "url=https://example.com/"
# expect: 415
# --8<-- [end:form-body-curl]

# --8<-- [start:form-body-httpie]
http --form POST :5000/api/bookmarks url=https://example.com/
# expect: 415
# --8<-- [end:form-body-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks \
  -H "Content-Type: application/json" \
  -d '{"url": "https://werkzeug.palletsprojects.com/", "title": "Werkzeug"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/bookmarks url=https://werkzeug.palletsprojects.com/ title=Werkzeug
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:follow-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/4
# expect: 200
# --8<-- [end:follow-curl]

# --8<-- [start:follow-httpie]
http :5000/api/bookmarks/4
# expect: 200
# --8<-- [end:follow-httpie]

# --8<-- [start:delete-curl]
curl -i -X DELETE http://127.0.0.1:5000/api/bookmarks/3
# expect: 204
# --8<-- [end:delete-curl]

# --8<-- [start:delete-httpie]
http DELETE :5000/api/bookmarks/3
# expect: 204
# --8<-- [end:delete-httpie]

# --8<-- [start:deleted-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/3
# expect: 404
# --8<-- [end:deleted-curl]

# --8<-- [start:deleted-httpie]
http :5000/api/bookmarks/3
# expect: 404
# --8<-- [end:deleted-httpie]

# --8<-- [start:put-notes-curl]
curl -i -X PUT http://127.0.0.1:5000/api/bookmarks/2/notes \
  -H "Content-Type: application/json" \
  -d '{"notes": "Section 15 lists the status codes."}'
# expect: 200
# --8<-- [end:put-notes-curl]

# --8<-- [start:put-notes-httpie]
http PUT :5000/api/bookmarks/2/notes notes="Section 15 lists the status codes."
# expect: 200
# --8<-- [end:put-notes-httpie]

# --8<-- [start:put-bad-notes-curl]
curl -i -X PUT http://127.0.0.1:5000/api/bookmarks/2/notes \
  -H "Content-Type: application/json" \
  -d '{"notes": 42}'
# expect: 400
# --8<-- [end:put-bad-notes-curl]

# --8<-- [start:put-bad-notes-httpie]
http PUT :5000/api/bookmarks/2/notes notes:=42
# expect: 400
# --8<-- [end:put-bad-notes-httpie]

# --8<-- [start:missing-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/99
# expect: 404
# --8<-- [end:missing-curl]

# --8<-- [start:missing-httpie]
http :5000/api/bookmarks/99
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
curl -i -X DELETE http://127.0.0.1:5000/api/bookmarks
# expect: 405
# --8<-- [end:wrong-method-curl]

# --8<-- [start:wrong-method-httpie]
http DELETE :5000/api/bookmarks
# expect: 405
# --8<-- [end:wrong-method-httpie]
