// Package nag wraps cdk-nag suppressions so that every suppression in StreamCDK names one
// resource, one rule and a reason specific to that resource.
package nag

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// Rule is one suppressed cdk-nag rule with the reason it does not apply.
type Rule struct {
	// ID is the rule id, e.g. "AwsSolutions-IAM5".
	ID string
	// Reason says why the finding does not apply to this resource.
	Reason string
	// AppliesTo narrows an IAM5/IAM4 suppression to the listed findings (e.g. "Resource::*").
	AppliesTo []string
}

// Suppress records the rules on the construct. withChildren extends them to its children
// (used for L2 constructs whose finding sits on a generated child such as a DefaultPolicy).
func Suppress(c constructs.IConstruct, withChildren bool, rules ...Rule) {
	s := make([]*cdknag.NagPackSuppression, 0, len(rules))
	for _, r := range rules {
		p := &cdknag.NagPackSuppression{Id: jsii.String(r.ID), Reason: jsii.String(r.Reason)}
		if len(r.AppliesTo) > 0 {
			at := make([]interface{}, len(r.AppliesTo))
			for i, a := range r.AppliesTo {
				at[i] = a
			}
			p.AppliesTo = &at
		}
		s = append(s, p)
	}
	cdknag.NagSuppressions_AddResourceSuppressions(c, &s, jsii.Bool(withChildren))
}

// ArnFinding is an ARN in scope's stack as cdk-nag prints it in a finding (the form an
// AppliesTo names): "arn:<AWS::Partition>:<service>:<AWS::Region>:<AWS::AccountId>:<resource>"
// in a stack without a Region, the partition and Region written out in a stack pinned to one.
func ArnFinding(scope constructs.IConstruct, service, resource string) string {
	stack := awscdk.Stack_Of(scope)
	partition, region := "<AWS::Partition>", "<AWS::Region>"
	if r := stack.Region(); !*awscdk.Token_IsUnresolved(r) {
		partition, region = *stack.Partition(), *r
	}
	account := "<AWS::AccountId>"
	if a := stack.Account(); !*awscdk.Token_IsUnresolved(a) {
		account = *a
	}
	return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource
}
