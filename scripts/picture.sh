#!/usr/bin/env bash
# make picture: synthesize (README command 1), then draw each stack with Graphviz into
# docs/architecture/<stack>.svg and .png (installed with apt-get as root when missing).
# Extra arguments go to the synth, e.g. make picture ARGS='-c vod:mediaPackage=true'.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
source "$ROOT/scripts/debian-tools.sh"
debian_tools "the architecture pictures" "make picture" dot:graphviz
bash "$ROOT/scripts/synth.sh" "$@" >/dev/null
echo "Architecture pictures:"
go run ./internal/picture/cmd/picture -in cdk.out -out docs/architecture
