// Package nag wraps cdk-nag suppressions so that every suppression in StreamCDK names one
// resource, one rule and a reason specific to that resource.
package nag

import (
	"fmt"
	"strings"

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

// Finding is a resource (an ARN, tokens and all) as cdk-nag prints it in a finding, the form an
// AppliesTo names: its CloudFormation value with each reference written <Name> (<AWS::Region>,
// <Logical.Arn>). It follows how the stack renders the value (a Region or partition written
// out in a stack pinned to a Region), so a suppression matches whatever the policy holds.
func Finding(scope constructs.IConstruct, resource *string) string {
	return flatten(awscdk.Stack_Of(scope).Resolve(resource))
}

func flatten(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		if ref, ok := x["Ref"].(string); ok {
			return "<" + ref + ">"
		}
		if att, ok := x["Fn::GetAtt"].([]any); ok && len(att) == 2 {
			return "<" + flatten(att[0]) + "." + flatten(att[1]) + ">"
		}
		if join, ok := x["Fn::Join"].([]any); ok && len(join) == 2 {
			parts, _ := join[1].([]any)
			out := make([]string, len(parts))
			for i, p := range parts {
				out[i] = flatten(p)
			}
			return strings.Join(out, flatten(join[0]))
		}
	}
	return fmt.Sprint(v)
}
