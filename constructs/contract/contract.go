// Package contract describes the calls a deployed construct makes, or lets an AWS service make,
// at run time: the permission contract. Each construct lists the calls its code and its
// services make (Lambda handlers, roles passed to MediaConvert or MediaPackage); the calls that
// follow from the template itself (each workflow task, each encrypted resource's key, alarm
// actions, CloudFront origins) are derived from the synthesized template by the test harness
// (test/internal/iamcheck), which evaluates every call against the synthesized policies offline.
//
// The RuntimeCalls methods of the constructs are public API on purpose: they say, for whoever
// composes the constructs their own way, which principal calls what on which resource once
// deployed (for a security review, or an IAM simulation of one's own, as StreamCDK's tests do).
// They grow when a construct's run-time behaviour does (a new call is a compatible change; a
// call removed is noted in the CHANGELOG). The harness that checks them stays internal to the
// tests.
package contract

import "github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

// Call is one request made at run time.
type Call struct {
	// Role makes the call: its policies, and the resource's policy, must allow it. Nil when
	// Service calls on its own behalf (a resource policy must allow it).
	Role awsiam.IRole
	// Service is the calling service principal when Role is nil, e.g. "cloudfront.amazonaws.com".
	Service string
	// Action is the IAM action, e.g. "s3:GetObject".
	Action string
	// Resource is the ARN called on (tokens are fine), or "*" for actions that support no
	// resource type.
	Resource *string
	// Context holds the request context keys that matter, e.g. "kms:ViaService".
	Context map[string]*string
	// Why says what makes the call.
	Why string
}
