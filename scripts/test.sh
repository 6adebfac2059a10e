#!/usr/bin/env bash
# README command 2: set up what is missing and run the whole test suite.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
for t in cfn-lint moto_server; do
  command -v "$t" >/dev/null 2>&1 || die "$t is not installed (the tests need it): pip install 'cfn-lint>=1.51' 'moto[server]>=5'"
done
unformatted=$(find . -name '*.go' -not -path './node_modules/*' -not -path './cdk.out/*' -print0 | xargs -0 gofmt -l)
[ -z "$unformatted" ] || die "gofmt would change: $unformatted"
go vet ./...
go test -count=1 "$@" ./...
