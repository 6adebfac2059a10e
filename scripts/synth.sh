#!/usr/bin/env bash
# README command 1: set up what is missing, synthesize every stack offline, print the templates.
# Extra arguments go to `cdk synth` (e.g. -c vod:mediaPackage=true; through make:
# make synth ARGS='-c vod:mediaPackage=true').
# A context argument without "=" (-c vod:codec) would be dropped by the CDK CLI with a warning,
# and the defaults synthesized: refuse it, naming the key.
expect_context=
for a in "$@"; do
  if [ -n "$expect_context" ] || [[ "$a" == --context=* ]]; then
    kv=${a#--context=}
    if [[ "$kv" != *=* ]]; then
      echo "streamcdk: context $kv has no value; write -c $kv=<value> (make synth ARGS='-c $kv=<value>')" >&2
      exit 1
    fi
  fi
  expect_context=
  case "$a" in -c|--context) expect_context=1 ;; esac
done
source "$(dirname "$0")/env.sh"
cd "$ROOT"
# The app is built first, its progress on the terminal (cdk synth's output is captured below).
bash "$ROOT/scripts/app.sh" --build-only
export STREAMCDK_APP_BUILT=1
# cdk.out is kept between runs: a Lambda asset whose source hash is unchanged is not rebuilt.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! cdk synth --no-notices --quiet --output cdk.out "$@" >/dev/null 2>"$log"; then
  # A configuration error is the app's one line; the CLI's "Subprocess exited" adds nothing.
  if grep -q '^streamcdk: ' "$log"; then grep '^streamcdk: ' "$log" >&2; else cat "$log" >&2; fi
  exit 1
fi
grep -v -e '^Bundling asset ' -e '^Successfully synthesized to ' -e '^Supply a stack id' "$log" >&2 || true
echo "Synthesized templates (each with a review summary beside it, <stack>.review.md):"
node -e '
const m = require(process.argv[1] + "/cdk.out/manifest.json");
for (const [name, a] of Object.entries(m.artifacts || {}))
  if (a.type === "aws:cloudformation:stack")
    console.log("  " + name + ": " + process.argv[1] + "/cdk.out/" + a.properties.templateFile);
' "$ROOT"
[ -f cdk.out/review.txt ] && { echo "Review:"; cat cdk.out/review.txt; }
