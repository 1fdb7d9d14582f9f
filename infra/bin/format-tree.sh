#!/usr/bin/env bash
# The mechanical whole-tree changes, in order, re-runnable after any merge:
#   1. imports that climb into libs/ or testing/ become @hazards/… aliases (infra/bin/rewrite-aliases.mjs);
#   2. Prettier formats every file it covers (.prettierrc.json, .prettierignore).
# Commit the result alone, as "mechanical: …", so that it never mixes with a change of behaviour.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
[ -x node_modules/.bin/prettier ] || npm ci --no-audit --no-fund >&2
node infra/bin/rewrite-aliases.mjs
npx prettier --write --log-level warn .
# A second pass: Prettier settles a few long member chains only on its second run.
npx prettier --write --log-level warn .
say "formatted; now: npx tsc -p tsconfig.json --noEmit && npm run lint"
