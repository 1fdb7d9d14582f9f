#!/usr/bin/env bash
# npm test: install what is missing, type-check, then run the whole Jest suite against services
# it starts itself (free ports, a temporary data folder) and stops afterwards.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
eval "$(WITH_TEST_SERVER=1 bash infra/bin/ensure-tools.sh)"
export TEMPORAL_CLI TEMPORAL_TEST_SERVER REDIS_SERVER_BIN PG_BIN_DIR
say "type-checking (tsc --noEmit) ..."
npx tsc -p tsconfig.json --noEmit >&2 || fail "type errors (above)."
say "running Jest ..."
exec npx jest --ci --maxWorkers=2 "$@"
