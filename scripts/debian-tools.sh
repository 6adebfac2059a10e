# shellcheck shell=bash
# debian_tools PURPOSE RERUN COMMAND:PACKAGE...: the commands missing from PATH are installed
# from Debian's packages when running as root with apt-get (as CI does); otherwise one line says
# what to install and what to run again. STREAMCDK_NO_INSTALL=1 only reports (the set-up's own
# test uses it). PURPOSE completes "... need them" ("the browser tests").
debian_tools() {
  local purpose=$1 rerun=$2 pair missing=()
  shift 2
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${STREAMCDK_NO_INSTALL:-}" ]; then
    say "installing ${missing[*]} for $purpose (apt-get, about a minute)"
    local log
    log=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
      die "apt-get could not install ${missing[*]} ($(grep -E '^E:' "$log" | tail -n 1)); $purpose need them. Fix: apt-get install ${missing[*]}, then run $rerun again"
    fi
    rm -f "$log"
  else
    die "$purpose need ${missing[*]}. Fix: sudo apt-get install ${missing[*]} (Debian/Ubuntu; or your system's packages), then run $rerun again"
  fi
}
