#!/usr/bin/env bash
# Requests to try against the stage 05 example while it runs (flask --app run run),
# after `flask --app run init-db` has reset its database to the three sample bookmarks.
# The chapter shows each pair; the repo's tests run the curl sections and the HTTPie
# sections against two separate fresh servers.
# prepare: init-db

# --8<-- [start:health-curl]
curl -i http://127.0.0.1:5000/health
# expect: 200
# --8<-- [end:health-curl]

# --8<-- [start:health-httpie]
http :5000/health
# expect: 200
# --8<-- [end:health-httpie]

# --8<-- [start:list-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/
# expect: 200
# --8<-- [end:list-curl]

# --8<-- [start:list-httpie]
http :5000/api/bookmarks/
# expect: 200
# --8<-- [end:list-httpie]

# --8<-- [start:no-slash-curl]
curl -i http://127.0.0.1:5000/api/bookmarks
# expect: 308
# --8<-- [end:no-slash-curl]

# --8<-- [start:no-slash-httpie]
http :5000/api/bookmarks
# expect: 308
# --8<-- [end:no-slash-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Content-Type: application/json" \
  -d '{"url": "https://click.palletsprojects.com/", "title": "Click documentation"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/bookmarks/ url=https://click.palletsprojects.com/ \
  title="Click documentation"
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:search-curl]
curl -i "http://127.0.0.1:5000/api/bookmarks/?q=documentation"
# expect: 200
# --8<-- [end:search-curl]

# --8<-- [start:search-httpie]
http :5000/api/bookmarks/ q==documentation
# expect: 200
# --8<-- [end:search-httpie]

# --8<-- [start:patch-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/4 \
  -H "Content-Type: application/json" \
  -d '{"notes": "Commands for init-db come from here."}'
# expect: 200
# --8<-- [end:patch-curl]

# --8<-- [start:patch-httpie]
http PATCH :5000/api/bookmarks/4 notes="Commands for init-db come from here."
# expect: 200
# --8<-- [end:patch-httpie]

# --8<-- [start:delete-curl]
curl -i -X DELETE http://127.0.0.1:5000/api/bookmarks/4
# expect: 204
# --8<-- [end:delete-curl]

# --8<-- [start:delete-httpie]
http DELETE :5000/api/bookmarks/4
# expect: 204
# --8<-- [end:delete-httpie]

# --8<-- [start:gone-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/4
# expect: 404
# --8<-- [end:gone-curl]

# --8<-- [start:gone-httpie]
http :5000/api/bookmarks/4
# expect: 404
# --8<-- [end:gone-httpie]

# --8<-- [start:no-route-curl]
curl -i http://127.0.0.1:5000/api/nothing-here
# expect: 404
# --8<-- [end:no-route-curl]

# --8<-- [start:no-route-httpie]
http :5000/api/nothing-here
# expect: 404
# --8<-- [end:no-route-httpie]

# --8<-- [start:wrong-method-curl]
curl -i -X POST http://127.0.0.1:5000/health
# expect: 405
# --8<-- [end:wrong-method-curl]

# --8<-- [start:wrong-method-httpie]
http POST :5000/health
# expect: 405
# --8<-- [end:wrong-method-httpie]
