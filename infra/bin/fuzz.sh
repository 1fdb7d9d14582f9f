#!/usr/bin/env bash
# npm run fuzz: schemathesis against the API's OpenAPI document, on a stack of its own with the demo
# seed. FUZZ_CASES (cases per operation and caller, default 160), FUZZ_SEED (replay), FUZZ_WORKERS.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
eval "$(WITH_FUZZ=1 bash infra/bin/ensure-tools.sh)"
export TEMPORAL_CLI REDIS_SERVER_BIN PG_BIN_DIR SCHEMATHESIS_BIN
npm run -s build >&2 || fail "the build failed; run 'npm run build' to see the errors."
exec node --enable-source-maps dist/fuzz/api-fuzz.js
