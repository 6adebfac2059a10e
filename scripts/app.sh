#!/usr/bin/env bash
# The CDK app command (cdk.json): run the app binary, rebuilding it only when a Go source,
# go.mod or go.sum is newer than it (`go build`'s own up-to-date check costs ~0.7 s per synth).
set -euo pipefail
cd "$(dirname "$0")/.."
# jsii runs on the project's Node 24 when set-up installed it (the machine's Node may be end-of-life).
[ -x node_modules/.bin/node ] && PATH="$PWD/node_modules/.bin:$PATH"
bin=.build/streamcdk
if [ ! -x "$bin" ] || [ -n "$(find . \( -path ./node_modules -o -path ./cdk.out -o -path ./.git \) -prune -o \
    \( -name '*.go' -o -name go.mod -o -name go.sum \) -newer "$bin" -print -quit)" ]; then
  # The first build on a machine compiles aws-cdk-go (~1-2 minutes on 2 cores): say so and show
  # progress (a dot per package compiled) instead of a silent wait.
  if [ ! -x "$bin" ]; then
    echo "streamcdk: building the app (the first build on a machine also compiles aws-cdk-go: about 1-2 minutes on 2 cores)" >&2
    go build -v -o "$bin" . 2>&1 | while read -r _; do printf '.' >&2; done
    echo >&2
    [ -x "$bin" ] || go build -o "$bin" . # on a failure, show the compiler's errors
  else
    go build -o "$bin" .
  fi
fi
exec "$bin"
