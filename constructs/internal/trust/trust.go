// Package trust makes the principals of roles that AWS services assume, with the
// confused-deputy conditions each service documents.
package trust

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// SourceAccountServices are the service principals whose guides give their role trust
// policies an aws:SourceAccount condition (cross-service confused deputy prevention):
//   - MediaConvert: https://docs.aws.amazon.com/mediaconvert/latest/ug/cross-service-confused-deputy-prevention.html
//   - Step Functions: https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html
//     (CDK's StateMachine already makes its role so, with aws:SourceArn of the account's state
//     machines: the contract test checks it)
//   - EventBridge Scheduler: https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html
//
// MediaLive's, MediaPackage v2's and MediaPackage VOD's guides show their roles' trust
// policies without condition keys (a condition the service does not send would deny it), so
// their roles trust the service alone: MediaLive's custom trust policy is exactly
// {"Principal": {"Service": "medialive.amazonaws.com"}, "Action": "sts:AssumeRole"}
// (https://docs.aws.amazon.com/medialive/latest/ug/complex-scenario-create-trusted-entity-role-step3.html);
// MediaPackage's role set-up changes the trusted entity to the service and adds nothing
// (https://docs.aws.amazon.com/mediapackage/latest/userguide/setting-up-create-trust-rel.html);
// MediaPackage v2's confused-deputy page speaks of resource policies, not these trust policies.
var SourceAccountServices = map[string]bool{
	"mediaconvert.amazonaws.com": true,
	"states.amazonaws.com":       true,
	"scheduler.amazonaws.com":    true,
}

// sourceArns are the aws:SourceArn each guide documents, as ARN components in the stack's
// account and Region: MediaConvert's "must be the ARN of the MediaConvert queue", Scheduler's
// the schedule group ("Do not scope the aws:SourceArn statement to a specific schedule").
var sourceArns = map[string]awscdk.ArnComponents{
	"mediaconvert.amazonaws.com": {Service: jsii.String("mediaconvert"), Resource: jsii.String("queues"), ResourceName: jsii.String("*"), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME},
	"scheduler.amazonaws.com":    {Service: jsii.String("scheduler"), Resource: jsii.String("schedule-group"), ResourceName: jsii.String("*"), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME},
}

// Service is the principal for service (e.g. "mediaconvert.amazonaws.com") in scope's stack:
// with aws:SourceAccount set to the stack's account, and aws:SourceArn to the resources that
// may act, where the service documents them.
func Service(scope constructs.Construct, service string) awsiam.IPrincipal {
	var opts *awsiam.ServicePrincipalOpts
	if SourceAccountServices[service] {
		stack := awscdk.Stack_Of(scope)
		cond := map[string]interface{}{"StringEquals": map[string]interface{}{"aws:SourceAccount": stack.Account()}}
		if arn, ok := sourceArns[service]; ok {
			cond["ArnLike"] = map[string]interface{}{"aws:SourceArn": stack.FormatArn(&arn)}
		}
		opts = &awsiam.ServicePrincipalOpts{Conditions: &cond}
	}
	return awsiam.NewServicePrincipal(jsii.String(service), opts)
}

// ServiceIfSent is the principal for service in scope's stack with aws:SourceAccount checked
// when the service sends it (StringEqualsIfExists): for the roles a service assumes whose guide
// neither shows the key nor says the service omits it (MediaPackage's SPEKE key provider role,
// https://docs.aws.amazon.com/mediapackage/latest/userguide/setting-up-create-trust-rel.html).
// Another account's requests that carry the key are refused; requests without it, which a
// plain StringEquals would deny (IAM: a condition on a key missing from the request is false,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists),
// still pass, so the service is never locked out.
func ServiceIfSent(scope constructs.Construct, service string) awsiam.IPrincipal {
	cond := map[string]interface{}{"StringEqualsIfExists": map[string]interface{}{"aws:SourceAccount": awscdk.Stack_Of(scope).Account()}}
	return awsiam.NewServicePrincipal(jsii.String(service), &awsiam.ServicePrincipalOpts{Conditions: &cond})
}
