// Package stacks composes StreamCDK's constructs into deployable stacks: NewVodStack for video on
// demand and, through Build, the whole application with cdk-nag checks applied.
package stacks
