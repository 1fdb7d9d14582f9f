#!/usr/bin/env bash
# npm start: install what is missing, build, then run the local stack until Ctrl-C.
# npm start -- --api 2 --worker 2 --notifier 2 (or SCALE=api:2,worker:2,notifier:2) runs several of each.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
eval "$(bash infra/bin/ensure-tools.sh)"
export TEMPORAL_CLI REDIS_SERVER_BIN PG_BIN_DIR TEMPORAL_SERVER_BIN TEMPORAL_SQL_TOOL TEMPORAL_SCHEMA_DIR
say "building (swc) ..."
npm run -s build >&2 || fail "the build failed; run 'npm run build' to see the errors."
say "building the web console (vite) ..."
npm run -s build:console >&2 || fail "the console build failed; run 'npm run build:console' to see the errors."
exec node --enable-source-maps dist/infra/local-stack/start-local-stack.js "$@"
