// Package test holds the snapshot and assertion tests of StreamCDK's stacks and constructs.
// They live in one package so that one Node process (jsii) serves them all.
package test
