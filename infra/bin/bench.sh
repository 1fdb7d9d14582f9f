#!/usr/bin/env bash
# npm run bench [name ...]: builds, then runs each benchmark in bench/ (all by default). Each
# starts its own services, prints a table and writes bench-results/<name>.json.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in bench/*.bench.ts; do names+=("$(basename "$f" .bench.ts)"); done
fi
# escalation-capacity runs on the Temporal server on PostgreSQL unless TEMPORAL_BACKEND says otherwise.
with_server=0
if [[ " ${names[*]} " == *" escalation-capacity "* ]]; then with_server=1; fi
eval "$(WITH_TEST_SERVER=1 WITH_TEMPORAL_SERVER=$with_server bash infra/bin/ensure-tools.sh)"
export TEMPORAL_CLI TEMPORAL_TEST_SERVER REDIS_SERVER_BIN PG_BIN_DIR TEMPORAL_SERVER_BIN TEMPORAL_SQL_TOOL TEMPORAL_SCHEMA_DIR
npm run -s build >&2 || fail "the build failed; run 'npm run build' to see the errors."
status=0
for n in "${names[@]}"; do
  say "benchmark: $n"
  node --enable-source-maps --expose-gc "dist/bench/$n.bench.js" || status=1
done
exit $status
