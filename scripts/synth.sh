#!/usr/bin/env bash
# README command 1: set up what is missing, synthesize every stack offline, print the templates.
# Extra arguments go to `cdk synth` (e.g. -c vod:mediaPackage=true).
source "$(dirname "$0")/env.sh"
cd "$ROOT"
# cdk.out is kept between runs: a Lambda asset whose source hash is unchanged is not rebuilt.
cdk synth --no-notices --quiet --output cdk.out "$@" >/dev/null
echo "Synthesized templates:"
node -e '
const m = require(process.argv[1] + "/cdk.out/manifest.json");
for (const [name, a] of Object.entries(m.artifacts || {}))
  if (a.type === "aws:cloudformation:stack")
    console.log("  " + name + ": " + process.argv[1] + "/cdk.out/" + a.properties.templateFile);
' "$ROOT"
