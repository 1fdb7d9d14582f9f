#!/usr/bin/env bash
# npm run drill [name ...]: fault drills. Each prints lost/duplicated counts and fails if either is above 0.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
eval "$(bash infra/bin/ensure-tools.sh)"
export TEMPORAL_CLI REDIS_SERVER_BIN PG_BIN_DIR TEMPORAL_SERVER_BIN TEMPORAL_SQL_TOOL TEMPORAL_SCHEMA_DIR
npm run -s build >&2 || fail "the build failed; run 'npm run build' to see the errors."
# Drills run on a stack of their own with its development secrets; the drill's own process writes
# sealed history too (fixtures), so it must accept them as the apps it starts do.
export NODE_ENV="${NODE_ENV:-development}"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(worker-kill crash-after-commit dependency-outage notifier-kill load scale-out)
status=0
for n in "${names[@]}"; do
  say "drill: $n"
  case "$n" in
    crash-after-commit) DRILL_NAME=crash-after-commit DRILL_KILLS=0 DRILL_CRASH_AFTER_COMMIT_RATE=0.2 node --enable-source-maps dist/drills/worker-kill.drill.js || status=1 ;;
    *) node --enable-source-maps "dist/drills/$n.drill.js" || status=1 ;;
  esac
done
exit $status
