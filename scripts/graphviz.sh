# shellcheck shell=bash
# Sourced by picture.sh and test.sh: Graphviz's dot draws the architecture pictures. Installed
# from Debian's packages when running as root with apt-get; otherwise one line says what to do.
if ! command -v dot >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${STREAMCDK_NO_INSTALL:-}" ]; then
    say "installing graphviz for the architecture pictures (apt-get)"
    log=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends graphviz; } >"$log" 2>&1; then
      die "apt-get could not install graphviz ($(grep -E '^E:' "$log" | tail -n 1)). Fix: apt-get install graphviz, then run the command again"
    fi
    rm -f "$log"
  else
    die "the architecture pictures need Graphviz's dot. Fix: sudo apt-get install graphviz (Debian/Ubuntu; or your system's package), then run the command again"
  fi
fi
