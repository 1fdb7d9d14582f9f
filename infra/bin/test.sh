#!/usr/bin/env bash
# npm test: install what is missing, type-check and build, then run the whole Jest suite against
# services it starts itself (free ports, a temporary data folder) and stops afterwards.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
eval "$(WITH_TEST_SERVER=1 bash infra/bin/ensure-tools.sh)"
export TEMPORAL_CLI TEMPORAL_TEST_SERVER REDIS_SERVER_BIN PG_BIN_DIR SCHEMATHESIS_BIN
say "type-checking (tsc --noEmit) ..."
npx tsc -p tsconfig.json --noEmit >&2 || fail "type errors (above)."
say "linting (eslint: import boundaries, typescript-eslint; prettier --check) ..."
npm run -s lint >&2 || fail "lint errors (above); npm run format fixes the formatting."
say "building (swc): some tests run the apps from dist/ as real processes ..."
npm run -s build >&2 || fail "the build failed; run 'npm run build' to see the errors."
say "building the web console (vite) ..."
npm run -s build:console >&2 || fail "the console build failed; run 'npm run build:console' to see the errors."
say "running Jest ..."
exec npx jest --ci --maxWorkers=2 "$@"
