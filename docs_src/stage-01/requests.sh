#!/usr/bin/env bash
# Requests to try against the stage 01 example while it runs (flask --app app run).
# The chapter shows each pair; the repo's tests run the curl sections and the HTTPie
# sections against two separate fresh servers.

# --8<-- [start:root-curl]
curl -i http://127.0.0.1:5000/
# expect: 200
# --8<-- [end:root-curl]

# --8<-- [start:root-httpie]
http :5000/
# expect: 200
# --8<-- [end:root-httpie]

# --8<-- [start:about-curl]
curl -i http://127.0.0.1:5000/api/about
# expect: 200
# --8<-- [end:about-curl]

# --8<-- [start:about-httpie]
http :5000/api/about
# expect: 200
# --8<-- [end:about-httpie]

# --8<-- [start:tag-curl]
curl -i http://127.0.0.1:5000/api/tags/python
# expect: 200
# --8<-- [end:tag-curl]

# --8<-- [start:tag-httpie]
http :5000/api/tags/python
# expect: 200
# --8<-- [end:tag-httpie]

# --8<-- [start:tag-space-curl]
curl -i http://127.0.0.1:5000/api/tags/read%20later
# expect: 200
# --8<-- [end:tag-space-curl]

# --8<-- [start:tag-space-httpie]
http ":5000/api/tags/read later"
# expect: 200
# --8<-- [end:tag-space-httpie]

# --8<-- [start:wrong-method-curl]
curl -i -X POST http://127.0.0.1:5000/api/about
# expect: 405
# --8<-- [end:wrong-method-curl]

# --8<-- [start:wrong-method-httpie]
http POST :5000/api/about
# expect: 405
# --8<-- [end:wrong-method-httpie]

# --8<-- [start:no-tag-curl]
curl -i http://127.0.0.1:5000/api/tags
# expect: 404
# --8<-- [end:no-tag-curl]

# --8<-- [start:no-tag-httpie]
http :5000/api/tags
# expect: 404
# --8<-- [end:no-tag-httpie]
