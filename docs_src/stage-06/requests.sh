#!/usr/bin/env bash
# Requests to try against the stage 06 example while it runs (flask --app run run),
# starting from an empty database.
# The chapter shows each pair; the repo's tests run the curl sections and the HTTPie
# sections against two separate fresh servers.

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Content-Type: application/json" \
  -d '{"url": "https://marshmallow.readthedocs.io/", "title": "  marshmallow  "}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/bookmarks/ url=https://marshmallow.readthedocs.io/ \
  title="  marshmallow  "
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:get-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/1
# expect: 200
# --8<-- [end:get-curl]

# --8<-- [start:get-httpie]
http :5000/api/bookmarks/1
# expect: 200
# --8<-- [end:get-httpie]

# --8<-- [start:empty-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Content-Type: application/json" \
  -d '{}'
# expect: 422
# --8<-- [end:empty-curl]

# --8<-- [start:empty-httpie]
http POST :5000/api/bookmarks/ --raw '{}'
# expect: 422
# --8<-- [end:empty-httpie]

# --8<-- [start:three-errors-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Content-Type: application/json" \
  -d '{"url": "ftp://example.com/", "title": "   ", "notes": 5}'
# expect: 422
# --8<-- [end:three-errors-curl]

# --8<-- [start:three-errors-httpie]
http POST :5000/api/bookmarks/ url=ftp://example.com/ title="   " notes:=5
# expect: 422
# --8<-- [end:three-errors-httpie]

# --8<-- [start:not-an-object-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Content-Type: application/json" \
  -d '["https://marshmallow.readthedocs.io/"]'
# expect: 422
# --8<-- [end:not-an-object-curl]

# --8<-- [start:not-an-object-httpie]
http POST :5000/api/bookmarks/ --raw '["https://marshmallow.readthedocs.io/"]'
# expect: 422
# --8<-- [end:not-an-object-httpie]

# --8<-- [start:form-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -d "url=https://marshmallow.readthedocs.io/"
# expect: 415
# --8<-- [end:form-curl]

# --8<-- [start:form-httpie]
http --form POST :5000/api/bookmarks/ url=https://marshmallow.readthedocs.io/
# expect: 415
# --8<-- [end:form-httpie]

# --8<-- [start:output-only-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Content-Type: application/json" \
  -d '{"url": "https://example.com/", "title": "Backdated", "created_at": "2001-01-01"}'
# expect: 422
# --8<-- [end:output-only-curl]

# --8<-- [start:output-only-httpie]
http POST :5000/api/bookmarks/ url=https://example.com/ title=Backdated \
  created_at=2001-01-01
# expect: 422
# --8<-- [end:output-only-httpie]

# --8<-- [start:unknown-field-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Content-Type: application/json" \
  -d '{"url": "https://example.com/", "title": "Tagged", "tags": ["demo"]}'
# expect: 422
# --8<-- [end:unknown-field-curl]

# --8<-- [start:unknown-field-httpie]
http POST :5000/api/bookmarks/ url=https://example.com/ title=Tagged tags:='["demo"]'
# expect: 422
# --8<-- [end:unknown-field-httpie]

# --8<-- [start:put-missing-curl]
curl -i -X PUT http://127.0.0.1:5000/api/bookmarks/1 \
  -H "Content-Type: application/json" \
  -d '{"title": "marshmallow 4"}'
# expect: 422
# --8<-- [end:put-missing-curl]

# --8<-- [start:put-missing-httpie]
http PUT :5000/api/bookmarks/1 title="marshmallow 4"
# expect: 422
# --8<-- [end:put-missing-httpie]

# --8<-- [start:patch-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/1 \
  -H "Content-Type: application/json" \
  -d '{"notes": "Read the upgrading guide."}'
# expect: 200
# --8<-- [end:patch-curl]

# --8<-- [start:patch-httpie]
http PATCH :5000/api/bookmarks/1 notes="Read the upgrading guide."
# expect: 200
# --8<-- [end:patch-httpie]

# --8<-- [start:patch-bad-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/1 \
  -H "Content-Type: application/json" \
  -d '{"url": "marshmallow.readthedocs.io"}'
# expect: 422
# --8<-- [end:patch-bad-curl]

# --8<-- [start:patch-bad-httpie]
http PATCH :5000/api/bookmarks/1 url=marshmallow.readthedocs.io
# expect: 422
# --8<-- [end:patch-bad-httpie]

# --8<-- [start:patch-empty-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/1 \
  -H "Content-Type: application/json" \
  -d '{}'
# expect: 400
# --8<-- [end:patch-empty-curl]

# --8<-- [start:patch-empty-httpie]
http PATCH :5000/api/bookmarks/1 --raw '{}'
# expect: 400
# --8<-- [end:patch-empty-httpie]

# --8<-- [start:put-curl]
curl -i -X PUT http://127.0.0.1:5000/api/bookmarks/1 \
  -H "Content-Type: application/json" \
  -d '{"url": "https://marshmallow.readthedocs.io/", "title": "marshmallow 4"}'
# expect: 200
# --8<-- [end:put-curl]

# --8<-- [start:put-httpie]
http PUT :5000/api/bookmarks/1 url=https://marshmallow.readthedocs.io/ \
  title="marshmallow 4"
# expect: 200
# --8<-- [end:put-httpie]

# --8<-- [start:list-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/
# expect: 200
# --8<-- [end:list-curl]

# --8<-- [start:list-httpie]
http :5000/api/bookmarks/
# expect: 200
# --8<-- [end:list-httpie]
