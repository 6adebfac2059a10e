#!/usr/bin/env bash
# The CDK app command (cdk.json): run the app binary, rebuilding it only when a file it is built
# from is newer than it (`go build`'s own up-to-date check costs ~0.7 s per synth).
# With --build-only it builds and stops (make synth builds first, so the progress shows).
set -euo pipefail
cd "$(dirname "$0")/.."
# jsii runs on the project's Node 24 when set-up installed it (the machine's Node may be end-of-life).
[ -x node_modules/.bin/node ] && PATH="$PWD/node_modules/.bin:$PATH"
bin=.build/streamcdk
# needs_build: no binary yet, or a file it is built from newer than it: Go sources, go.mod,
# go.sum and the files the packages embed (the player page, edge functions, the demo creative,
# the diff script), so every file under the packages' folders. make synth has just built it
# (STREAMCDK_APP_BUILT): the CLI's run of this script skips the second look.
needs_build() {
  [ ! -x "$bin" ] && return 0
  [ -n "${STREAMCDK_APP_BUILT:-}" ] && return 1
  [ -n "$(find main.go go.mod go.sum constructs internal stacks -type f -newer "$bin" -print -quit)" ]
}
# -s -w: no symbol table or DWARF (links about a third faster; panics still print their stack).
if needs_build; then
  if [ ! -x "$bin" ] || [ go.mod -nt "$bin" ] || [ go.sum -nt "$bin" ]; then
    # A first build, or one after a dependency change, compiles aws-cdk-go (~1-2 minutes on 2
    # cores): say so and show progress (a dot per package compiled) instead of a silent wait.
    echo "streamcdk: building the app (on a new machine or after a dependency change this compiles aws-cdk-go: about 1-2 minutes on 2 cores)" >&2
    set +o pipefail
    go build -v -ldflags="-s -w" -o "$bin" . 2>&1 | while read -r _; do printf '.' >&2; done
    status=${PIPESTATUS[0]}
    set -o pipefail
    echo >&2
    [ "$status" = 0 ] || go build -ldflags="-s -w" -o "$bin" . # shows the compiler's errors, and fails
  else
    go build -ldflags="-s -w" -o "$bin" .
  fi
  touch "$bin" # go build leaves an up-to-date binary as it was: mark it checked now
fi
[ "${1:-}" = --build-only ] && exit 0
exec "$bin"
