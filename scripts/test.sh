#!/usr/bin/env bash
# README command 2: set up what is missing and run the whole test suite.
# STREAMCDK_SETUP_ONLY=1 stops after the Python test tools, =all after the browser tools too
# (the set-up's own test uses them).
source "$(dirname "$0")/env.sh"
source "$ROOT/scripts/test-tools.sh"
cd "$ROOT"
if [ "${STREAMCDK_SETUP_ONLY:-}" = 1 ]; then # the set-up's own test: the Python tools only
  echo "set-up complete: cfn-lint $(command -v cfn-lint), moto_server $(command -v moto_server)"
  exit 0
fi
source "$ROOT/scripts/browser-tools.sh"
if [ "${STREAMCDK_SETUP_ONLY:-}" = all ]; then
  echo "set-up complete: chromium $(command -v chromium), ffmpeg $(command -v ffmpeg), dot $(command -v dot)"
  exit 0
fi
unformatted=$(find . \( -path ./node_modules -o -path ./cdk.out -o -path ./.venv -o -path ./.git \) -prune -o -name '*.go' -print0 | xargs -0 gofmt -l)
[ -z "$unformatted" ] || die "gofmt would change: $unformatted (run gofmt -w on them)"
echo "streamcdk: go vet (a first run on a machine compiles aws-cdk-go: about 1-2 minutes)"
go vet ./...
go vet -tags integ ./... # make integ's deployed test (test/integ/deploy_test.go) too
# The longest packages first, the slow in-process one beside the ones that mostly wait (browser
# playback in real time) or run other processes, so two cores stay busy (see README Performance).
first="./test ./test/browser ./test/e2e"
rest=$(go list ./... | sed "s|^github.com/streamcdk/streamcdk|.|" | grep -vxF -e ./test -e ./test/browser -e ./test/e2e)
echo "streamcdk: test tools: cfn-lint $(command -v cfn-lint), moto_server $(command -v moto_server); browser tests: $(command -v chromium), $(command -v ffmpeg)"
echo "streamcdk: testing $(echo $first $rest | wc -w) packages, three at a time; about a minute warm (the first run also links each test binary), each package printing its line as it finishes"
# The test binaries come from `go test -c` into .build/tests, which links one again only when its
# package or a dependency changed (`go test` links each again on every run: about 1 s of CPU for
# each package that imports aws-cdk-go). test/internal/testrun runs them as go test does, and takes
# go test's run flags (make test ARGS='-run TestCfnLint -v'). -s -w: without the symbol table
# and DWARF each links about a third faster (panics still print their stack).
# The CDK's built-in CloudFormation validation (a WASM validator, ~0.5-1 s of CPU a synth) is off
# in the test binaries: every example and construct test makes Apps. It runs where users meet it:
# the new-user synth through the CLI (test/e2e builds that environment afresh); cfn-lint checks
# every configuration's templates (test/). jsii reads the environment when a binary starts,
# so it is set here, not in TestMain.
export CDK_VALIDATION=false
exec go run ./test/internal/testrun -p 3 -ldflags="-s -w" -- "$@" $first $rest
