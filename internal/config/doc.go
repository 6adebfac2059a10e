// Package config turns CDK context (defaults in cdk.json, `-c key=value` overrides) into typed
// stack props. Every key is listed in Keys; a bad value is an error naming the key, the value and
// what is allowed.
package config
