// Package integ is `make integ`: the whole system deployed in an AWS account and checked end
// to end (build tag integ: deploy_test.go), and the parts of that run that need no account
// (waiting, manifest checks, the order of the clean-up, the cost estimate), tested by make test.
package integ
