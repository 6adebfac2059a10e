# shellcheck shell=bash
# Sourced by test.sh after env.sh: puts the Python test tools (cfn-lint, moto_server) on PATH.
# In order: PATH; where a machine image keeps them (a login shell's PATH, pyenv shims,
# ~/.local/bin); the project's virtual environment (STREAMCDK_VENV, default .venv/) holding the
# versions pinned in requirements-test.txt; else, when python3 >= 3.9 is present, that virtual
# environment is created and filled from PyPI. When none works, one line says what to run.

test_tools=(cfn-lint moto_server)
venv=${STREAMCDK_VENV:-$ROOT/.venv}
reqs=$ROOT/requirements-test.txt

have_tools() { # dir (empty: PATH)
  local t
  for t in "${test_tools[@]}"; do
    if [ -n "$1" ]; then [ -x "$1/$t" ] || return 1; else command -v "$t" >/dev/null 2>&1 || return 1; fi
  done
}

# image_tools_dir prints the directory where a machine image keeps both tools, if any.
image_tools_dir() {
  local p d
  p=$(bash -lc 'command -v cfn-lint' 2>/dev/null </dev/null || true)
  if [ -n "$p" ] && have_tools "$(dirname "$p")"; then dirname "$p"; return; fi
  for d in "$HOME/.pyenv/shims" "$HOME/.local/bin"; do
    if have_tools "$d"; then echo "$d"; return; fi
  done
}

venv_ready() { have_tools "$venv/bin" && cmp -s "$reqs" "$venv/.streamcdk-requirements" 2>/dev/null; }

fix_line() { # what went wrong, how to fix it
  die "$1. Fix: $2, then run make test again"
}

install_venv() {
  local py log rel
  rel=${venv#"$ROOT"/}
  py=$(command -v python3 || true)
  [ -n "$py" ] || fix_line "the tests need cfn-lint and moto_server (Python tools, pinned in requirements-test.txt), which are missing, and there is no python3 on PATH to install them with" \
    "install Python 3.9+ with venv (Debian/Ubuntu: apt-get install python3 python3-venv; macOS: brew install python)"
  "$py" -c 'import sys; sys.exit(sys.version_info < (3, 9))' 2>/dev/null ||
    fix_line "the tests need cfn-lint and moto_server (Python tools), which are missing, and $py is $("$py" --version 2>&1), older than 3.9" "install Python 3.9 or newer"
  say "cfn-lint and moto_server are not installed; installing the pinned versions (requirements-test.txt) into $rel/ with $py"
  rm -rf "$venv"
  log=$(mktemp)
  if ! "$py" -m venv "$venv" >"$log" 2>&1 || [ ! -x "$venv/bin/pip" ]; then
    rm -rf "$venv"
    fix_line "the tests need cfn-lint and moto_server, which are missing, and $py cannot create a virtual environment to install them in ($(grep -v '^\s*$' "$log" | tail -n 1))" \
      "apt-get install python3-venv (Debian/Ubuntu), or put cfn-lint and moto_server on PATH yourself"
  fi
  if ! "$venv/bin/pip" install --disable-pip-version-check --no-input --retries 2 --timeout 20 -q -r "$reqs" >"$log" 2>&1; then
    local why
    why=$(grep -E '^(ERROR|error):' "$log" | tail -n 1 || true)
    [ -n "$why" ] || why=$(grep -v '^\s*$' "$log" | tail -n 1)
    cp "$log" "$venv/pip-install.log"
    fix_line "installing cfn-lint and moto[server] into $rel/ failed (${why:-no output}; full log: $rel/pip-install.log)" \
      "make PyPI reachable (or set PIP_INDEX_URL to a mirror) and run $rel/bin/pip install -r requirements-test.txt"
  fi
  rm -f "$log"
  cp "$reqs" "$venv/.streamcdk-requirements"
}

if ! have_tools ""; then
  dir=$(image_tools_dir)
  if [ -n "$dir" ]; then
    PATH="$dir:$PATH"
  else
    venv_ready || install_venv
    PATH="$venv/bin:$PATH"
  fi
fi
export PATH
