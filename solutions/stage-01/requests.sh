#!/usr/bin/env bash
# Requests to try against the stage-01 app while it runs (flask --app app run). Each is shown on the chapter page;
# the repo's tests run every one of them against the reference solution.

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
