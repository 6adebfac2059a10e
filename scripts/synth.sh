#!/usr/bin/env bash
# README command 1: set up what is missing, synthesize every stack offline, print the templates.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
rm -rf cdk.out
cdk synth --no-notices --quiet --output cdk.out "$@" >/dev/null
echo "Synthesized templates:"
for t in cdk.out/*.template.json; do printf '  %s/%s\n' "$ROOT" "$t"; done
