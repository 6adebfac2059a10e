# shellcheck shell=bash
# Sourced by the other scripts: brings the project's tools onto PATH, installing what is missing.
# Idempotent and quiet when everything is already in place.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ROOT

die() { printf 'streamcdk setup: %s\n' "$*" >&2; exit 1; }

# Go: the toolchain builds the app and, during synth, the Lambda handlers.
if ! command -v go >/dev/null 2>&1; then
  [ -x /usr/local/go/bin/go ] && PATH="/usr/local/go/bin:$PATH" || die "go is not on PATH; install Go 1.26 or newer"
fi

# Node packages: the pinned CDK CLI and (Linux x64) Node 24. Reinstalled when package-lock.json changes.
stamp="$ROOT/node_modules/.streamcdk-lock"
if ! cmp -s "$ROOT/package-lock.json" "$stamp" 2>/dev/null; then
  command -v npm >/dev/null 2>&1 || die "npm is not on PATH; install Node.js (any version >= 18) with npm"
  (cd "$ROOT" && npm ci --no-fund --no-audit --loglevel=error >/dev/null) || die "npm ci failed"
  cp "$ROOT/package-lock.json" "$stamp"
fi
PATH="$ROOT/node_modules/.bin:$PATH"

# jsii and the CLI need Node >= 22. node_modules/.bin/node (Node 24) is used where it was installed;
# otherwise the machine's node must be new enough.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 22 ] || die "node $(node --version 2>/dev/null || echo missing) is older than 22 and no Node 24 package could be installed for this platform; install Node 22 or 24"

# Python tools from the machine image (pyenv): a non-login shell may not have them on PATH.
find_tool() {
  local name=$1 p
  p=$(command -v "$name" 2>/dev/null || true)
  [ -n "$p" ] || p=$(bash -lc "command -v $name" 2>/dev/null || true)
  for d in "$HOME/.pyenv/shims" "$HOME/.local/bin" /usr/local/bin; do
    [ -n "$p" ] || { [ -x "$d/$name" ] && p="$d/$name"; }
  done
  [ -n "$p" ] && PATH="$(dirname "$p"):$PATH"
}
find_tool cfn-lint
find_tool moto_server

export PATH
export AWS_EC2_METADATA_DISABLED=true   # a metadata address answers here; the CLI must not wait on it
export CDK_DISABLE_VERSION_CHECK=true
export CDK_DISABLE_CLI_TELEMETRY=true     # offline, and nothing to report
export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1
