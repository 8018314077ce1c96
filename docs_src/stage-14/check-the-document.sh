#!/usr/bin/env bash
# Check the running example's document from a shell (`flask --app run run` in
# another terminal; TOKEN holds an access token from POST /auth/login).

# --8<-- [start:validate]
curl -s http://127.0.0.1:5000/openapi.json -o openapi.json
openapi-spec-validator openapi.json
# --8<-- [end:validate]

# --8<-- [start:fuzz]
schemathesis run http://127.0.0.1:5000/openapi.json \
  -H "Authorization: Bearer $TOKEN" --max-examples 25
# --8<-- [end:fuzz]

# --8<-- [start:fuzz-two-checks]
schemathesis run http://127.0.0.1:5000/openapi.json \
  -H "Authorization: Bearer $TOKEN" --max-examples 25 \
  --checks not_a_server_error,response_schema_conformance
# --8<-- [end:fuzz-two-checks]
