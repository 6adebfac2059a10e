# shellcheck shell=bash
# Sourced by test.sh: the player's browser tests need Chromium and ffmpeg, the architecture
# picture's test Graphviz (installed when missing, see debian-tools.sh). The tests never skip.
source "$ROOT/scripts/debian-tools.sh"
debian_tools "the browser tests and the picture test" "make test" chromium:chromium ffmpeg:ffmpeg dot:graphviz
