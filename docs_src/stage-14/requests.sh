#!/usr/bin/env bash
# Requests for the stage 14 example (the bookmarks API on APIFlask), served by the
# development server: `flask --app run run` after `flask --app run db upgrade`.
# Each NAME-curl section has a NAME-httpie twin that does the same.

# --8<-- [start:register-curl]
curl -i -X POST http://127.0.0.1:5000/auth/register \
  -H "Content-Type: application/json" \
  -d '{"email": "reader@example.com", "password": "a-long-enough-password"}'
# expect: 201
# --8<-- [end:register-curl]

# --8<-- [start:register-httpie]
http POST :5000/auth/register email=reader@example.com \
  password=a-long-enough-password
# expect: 201
# --8<-- [end:register-httpie]

# --8<-- [start:login-curl]
curl -i -X POST http://127.0.0.1:5000/auth/login \
  -H "Content-Type: application/json" \
  -d '{"email": "reader@example.com", "password": "a-long-enough-password"}'
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-curl]

# --8<-- [start:login-httpie]
http POST :5000/auth/login email=reader@example.com \
  password=a-long-enough-password
# expect: 200
# save: TOKEN=access_token
# --8<-- [end:login-httpie]

# --8<-- [start:create-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -d '{"url": "https://spec.openapis.org/oas/v3.1.0", "title": "OpenAPI 3.1"}'
# expect: 201
# --8<-- [end:create-curl]

# --8<-- [start:create-httpie]
http POST :5000/api/bookmarks/ "Authorization: Bearer $TOKEN" \
  url=https://spec.openapis.org/oas/v3.1.0 title="OpenAPI 3.1"
# expect: 201
# --8<-- [end:create-httpie]

# --8<-- [start:invalid-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -d '{"url": "ftp://example.org/", "title": "", "id": 7}'
# expect: 422
# --8<-- [end:invalid-curl]

# --8<-- [start:invalid-httpie]
http POST :5000/api/bookmarks/ "Authorization: Bearer $TOKEN" \
  url=ftp://example.org/ title="" id:=7
# expect: 422
# --8<-- [end:invalid-httpie]

# --8<-- [start:form-body-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Authorization: Bearer $TOKEN" \
  -d "url=https://example.org/" -d "title=Example"
# expect: 415
# --8<-- [end:form-body-curl]

# --8<-- [start:form-body-httpie]
http --form POST :5000/api/bookmarks/ "Authorization: Bearer $TOKEN" \
  url=https://example.org/ title=Example
# expect: 415
# --8<-- [end:form-body-httpie]

# --8<-- [start:no-token-curl]
curl -i -X POST http://127.0.0.1:5000/api/bookmarks/ \
  -H "Content-Type: application/json" -d '{"title": ""}'
# expect: 401
# --8<-- [end:no-token-curl]

# --8<-- [start:no-token-httpie]
http POST :5000/api/bookmarks/ title=""
# expect: 401
# --8<-- [end:no-token-httpie]

# --8<-- [start:redoc-curl]
curl -i http://127.0.0.1:5000/redoc
# expect: 404
# --8<-- [end:redoc-curl]

# --8<-- [start:redoc-httpie]
http :5000/redoc
# expect: 404
# --8<-- [end:redoc-httpie]
