# shellcheck shell=bash
# Sourced by test.sh: the player's browser tests need Chromium and ffmpeg, the architecture
# picture's test Graphviz. Missing ones are installed from Debian's packages when the tests run
# as root with apt-get (as CI does); otherwise one line says what to install. The tests never skip.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
if [ ${#missing[@]} -gt 0 ]; then
  # STREAMCDK_NO_INSTALL=1 only reports (the set-up's own test uses it).
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${STREAMCDK_NO_INSTALL:-}" ]; then
    say "installing ${missing[*]} for the browser and picture tests (apt-get, about a minute)"
    log=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
      die "apt-get could not install ${missing[*]} ($(grep -E '^E:' "$log" | tail -n 1)); the browser and picture tests need them. Fix: apt-get install ${missing[*]}, then run make test again"
    fi
    rm -f "$log"
  else
    die "the browser tests and the picture test need ${missing[*]}. Fix: sudo apt-get install ${missing[*]} (Debian/Ubuntu; or your system's packages), then run make test again"
  fi
fi
