package nag

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

// IgnoreLint tells cfn-lint to skip one rule on one resource (template metadata). Every call
// site says in a comment why the finding does not apply.
func IgnoreLint(r awscdk.CfnResource, rule string) {
	r.AddMetadata(jsii.String("cfn-lint"), map[string]interface{}{"config": map[string]interface{}{"ignore_checks": []string{rule}}})
}
