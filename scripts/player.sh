#!/usr/bin/env bash
# Serves the player page on this machine (and, with -media DIR, a folder of media under /media/):
# open http://127.0.0.1:8080/player/?url=<stream URL>. Flags: -addr, -media.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
exec go run ./constructs/player/cmd/serve "$@"
