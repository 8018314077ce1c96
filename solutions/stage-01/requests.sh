#!/usr/bin/env bash
# Requests to try against your stage-01 app while it runs (flask --app app run). "Check your work" in the
# chapter shows each curl/HTTPie pair with its answer; the repo's tests run the curl sections and the HTTPie
# sections against two separate fresh starts of the reference solution, each in this order.

# --8<-- [start:root-curl]
curl -i http://127.0.0.1:5000/
# expect: 200
# --8<-- [end:root-curl]

# --8<-- [start:root-httpie]
http :5000/
# expect: 200
# --8<-- [end:root-httpie]

# --8<-- [start:hello-curl]
curl -i http://127.0.0.1:5000/api/hello
# expect: 200
# --8<-- [end:hello-curl]

# --8<-- [start:hello-httpie]
http :5000/api/hello
# expect: 200
# --8<-- [end:hello-httpie]

# --8<-- [start:welcome-curl]
curl -i http://127.0.0.1:5000/api/welcome
# expect: 200
# --8<-- [end:welcome-curl]

# --8<-- [start:welcome-httpie]
http :5000/api/welcome
# expect: 200
# --8<-- [end:welcome-httpie]

# --8<-- [start:greet-curl]
curl -i http://127.0.0.1:5000/api/greet/Ada%20Lovelace
# expect: 200
# --8<-- [end:greet-curl]

# --8<-- [start:greet-httpie]
http ":5000/api/greet/Ada Lovelace"
# expect: 200
# --8<-- [end:greet-httpie]

# --8<-- [start:wrong-method-curl]
curl -i -X POST http://127.0.0.1:5000/api/hello
# expect: 405
# --8<-- [end:wrong-method-curl]

# --8<-- [start:wrong-method-httpie]
http POST :5000/api/hello
# expect: 405
# --8<-- [end:wrong-method-httpie]

# --8<-- [start:not-found-curl]
curl -i http://127.0.0.1:5000/api/goodbye
# expect: 404
# --8<-- [end:not-found-curl]

# --8<-- [start:not-found-httpie]
http :5000/api/goodbye
# expect: 404
# --8<-- [end:not-found-httpie]
