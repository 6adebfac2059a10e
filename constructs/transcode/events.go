package transcode

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// newRule starts the workflow for uploads of accepted files under the prefix.
func (p *Pipeline) newRule(c constructs.Construct) awsevents.Rule {
	props := p.props
	var keys []*string
	exts := p.suffixes()
	if p.trigger() == TriggerMetadata {
		exts = []string{"json"}
	}
	for _, e := range exts {
		if props.SourcePrefix == "" {
			keys = append(keys, *awsevents.Match_SuffixEqualsIgnoreCase(jsii.String("." + e))...)
			continue
		}
		// EventBridge cannot combine a prefix with a case-insensitive suffix on one field:
		// match the prefix with the lower- and upper-case suffix (the Lambda re-checks).
		for _, v := range uniq(strings.ToLower(e), strings.ToUpper(e)) {
			keys = append(keys, *awsevents.Match_Wildcard(jsii.String(props.SourcePrefix + "*." + v))...)
		}
	}
	keyMatchers := make([]interface{}, len(keys))
	for i, k := range keys {
		keyMatchers[i] = k
	}
	rule := awsevents.NewRule(c, jsii.String("Uploads"), &awsevents.RuleProps{
		Description: jsii.String("Starts the transcode workflow for uploads to the mezzanine bucket"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.s3"),
			DetailType: jsii.Strings("Object Created"),
			Detail: &map[string]interface{}{
				"bucket": map[string]interface{}{"name": []interface{}{props.Source.BucketName()}},
				"object": map[string]interface{}{"key": keyMatchers},
			},
		},
	})
	rule.AddTarget(awseventstargets.NewSfnStateMachine(p.StateMachine, &awseventstargets.SfnStateMachineProps{
		DeadLetterQueue: p.DeadLetterQueue,
		RetryAttempts:   jsii.Number(20),
		MaxEventAge:     awscdk.Duration_Hours(jsii.Number(24)),
	}))
	return rule
}

func uniq(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// newAlarms watches what no job notification reports.
func (p *Pipeline) newAlarms(c constructs.Construct) {
	period := awscdk.Duration_Minutes(jsii.Number(5))
	for _, a := range []struct {
		id, desc string
		metric   awscloudwatch.Metric
	}{
		{"TimedOutJobsAlarm", "A transcode workflow timed out (24 h) before it could record the job's failure",
			p.StateMachine.MetricTimedOut(&awscloudwatch.MetricOptions{Period: period, Statistic: jsii.String("Sum")})},
		{"DeadLettersAlarm", "Messages in the transcode dead-letter queue: uploads EventBridge could not start, or records consumers failed to process",
			p.DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{Period: period, Statistic: jsii.String("Maximum")})},
	} {
		alarm := awscloudwatch.NewAlarm(c, jsii.String(a.id), &awscloudwatch.AlarmProps{
			AlarmDescription:   jsii.String(a.desc),
			Metric:             a.metric,
			Threshold:          jsii.Number(1),
			EvaluationPeriods:  jsii.Number(1),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		})
		alarm.AddAlarmAction(awscloudwatchactions.NewSnsAction(p.Topic))
		p.Alarms = append(p.Alarms, alarm)
	}
	// The topic's own policy (TLS only) replaces SNS's default one, which let the account's
	// services publish: allow CloudWatch to publish for these alarms (the key allows it too).
	arns := make([]*string, len(p.Alarms))
	for i, a := range p.Alarms {
		arns[i] = a.AlarmArn()
	}
	p.Topic.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("CloudWatchAlarmsPublish"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("cloudwatch.amazonaws.com"), nil)},
		Actions:    jsii.Strings("sns:Publish"),
		Resources:  &[]*string{p.Topic.TopicArn()},
		Conditions: &map[string]interface{}{
			"ArnEquals":    map[string]interface{}{"aws:SourceArn": arns},
			"StringEquals": map[string]interface{}{"aws:SourceAccount": awscdk.Aws_ACCOUNT_ID()},
		},
	}))
}
