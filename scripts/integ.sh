#!/usr/bin/env bash
# make integ: deploys both stacks into the AWS account your credentials name (a sandbox), checks
# the whole system end to end and destroys the stacks again, also when a check fails (README,
# "make integ"). Not run by make test or CI. The test binary refuses in one line without
# credentials.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
unset AWS_EC2_METADATA_DISABLED # env.sh's CLI setting; an instance role may be the credentials here
command -v ffmpeg >/dev/null || die "make integ needs ffmpeg (it makes the test clip): apt-get install ffmpeg"
[ -x node_modules/.bin/cdk ] || die "make integ needs the CDK CLI in node_modules: npm ci"
mkdir -p .build
go test -c -tags integ -o .build/integ.test ./test/integ || die "building the integration test failed"
cd test/integ
exec ../../.build/integ.test -test.run 'TestDeployed' -test.v -test.timeout 3h
