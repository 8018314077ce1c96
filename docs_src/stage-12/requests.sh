#!/usr/bin/env bash
# Requests for the stage 12 example (the bookmarks API), served by the development
# server with its SimpleCache: `flask --app run db upgrade`, `flask --app run init-db`,
# then `flask --app run run`. Each NAME-curl section has a NAME-httpie twin that does
# the same; either tab works on its own from a fresh database. X-Cache says whether
# the answer came from the cache.
# prepare: init-db

# --8<-- [start:first-read-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/2
# expect: 200
# show: X-Cache
# --8<-- [end:first-read-curl]

# --8<-- [start:first-read-httpie]
http :5000/api/bookmarks/2
# expect: 200
# show: X-Cache
# --8<-- [end:first-read-httpie]

# --8<-- [start:second-read-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/2
# expect: 200
# show: X-Cache
# --8<-- [end:second-read-curl]

# --8<-- [start:second-read-httpie]
http :5000/api/bookmarks/2
# expect: 200
# show: X-Cache
# --8<-- [end:second-read-httpie]

# --8<-- [start:search-curl]
curl -i "http://127.0.0.1:5000/api/bookmarks/?q=sqlalchemy"
# expect: 200
# show: X-Cache
# --8<-- [end:search-curl]

# --8<-- [start:search-httpie]
http ":5000/api/bookmarks/?q=sqlalchemy"
# expect: 200
# show: X-Cache
# --8<-- [end:search-httpie]

# --8<-- [start:login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "member@example.com", "password": "example-password"}'
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-curl]

# --8<-- [start:login-httpie]
http POST :5000/auth/login email=member@example.com password=example-password
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-httpie]

# --8<-- [start:rename-curl]
curl -i -X PATCH http://127.0.0.1:5000/api/bookmarks/2 \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"title": "RFC 9110: HTTP Semantics"}'
# expect: 200
# --8<-- [end:rename-curl]

# --8<-- [start:rename-httpie]
http PATCH :5000/api/bookmarks/2 "Authorization: Bearer $TOKEN" \
  title="RFC 9110: HTTP Semantics"
# expect: 200
# --8<-- [end:rename-httpie]

# --8<-- [start:after-write-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/2
# expect: 200
# show: X-Cache
# --8<-- [end:after-write-curl]

# --8<-- [start:after-write-httpie]
http :5000/api/bookmarks/2
# expect: 200
# show: X-Cache
# --8<-- [end:after-write-httpie]

# --8<-- [start:missing-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/4
# expect: 404
# show: X-Cache
# --8<-- [end:missing-curl]

# --8<-- [start:missing-httpie]
http :5000/api/bookmarks/4
# expect: 404
# show: X-Cache
# --8<-- [end:missing-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"url": "https://cachelib.readthedocs.io/", "title": "cachelib"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/bookmarks/ "Authorization: Bearer $TOKEN" \
  url=https://cachelib.readthedocs.io/ title=cachelib
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:found-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/4
# expect: 200
# show: X-Cache
# --8<-- [end:found-curl]

# --8<-- [start:found-httpie]
http :5000/api/bookmarks/4
# expect: 200
# show: X-Cache
# --8<-- [end:found-httpie]

# --8<-- [start:etag-curl]
ETAG=$(curl -s -o /dev/null -D - http://127.0.0.1:5000/api/bookmarks/4 \
  | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
# --8<-- [end:etag-curl]

# --8<-- [start:etag-httpie]
ETAG=$(http --headers :5000/api/bookmarks/4 \
  | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
# --8<-- [end:etag-httpie]

# --8<-- [start:not-modified-curl]
curl -i http://127.0.0.1:5000/api/bookmarks/4 -H "If-None-Match: $ETAG"
# expect: 304
# show: X-Cache
# --8<-- [end:not-modified-curl]

# --8<-- [start:not-modified-httpie]
http :5000/api/bookmarks/4 "If-None-Match:$ETAG"
# expect: 304
# show: X-Cache
# --8<-- [end:not-modified-httpie]
