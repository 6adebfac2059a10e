package transcode

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
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

// newAlarms watches what no job notification reports, and failures that repeat.
func (p *Pipeline) newAlarms(c constructs.Construct) {
	period := awscdk.Duration_Minutes(jsii.Number(5))
	for _, a := range []struct {
		id, desc  string
		metric    awscloudwatch.Metric
		threshold float64
	}{
		{"TimedOutJobsAlarm", "A transcode workflow timed out (24 h) before it could record the job's failure",
			p.StateMachine.MetricTimedOut(&awscloudwatch.MetricOptions{Period: period, Statistic: jsii.String("Sum")}), 1},
		{"DeadLettersAlarm", "Messages in the transcode dead-letter queue: uploads EventBridge could not start, or records consumers failed to process",
			p.DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{Period: period, Statistic: jsii.String("Maximum")}), 1},
		// One failed job is reported by its own notification; several within 15 minutes point
		// at something systemic (a broken source feed, a quota, a permission).
		{"RepeatedFailuresAlarm", fmt.Sprintf("%d or more transcode workflows failed within 15 minutes", FailureAlarmThreshold),
			p.StateMachine.MetricFailed(&awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(15)), Statistic: jsii.String("Sum")}), FailureAlarmThreshold},
	} {
		p.Alarms = append(p.Alarms, p.Notifications.Alarm(c, a.id, &awscloudwatch.AlarmProps{
			AlarmDescription:   jsii.String(a.desc),
			Metric:             a.metric,
			Threshold:          jsii.Number(a.threshold),
			EvaluationPeriods:  jsii.Number(1),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		}))
	}
}

// FailureAlarmThreshold is how many failed workflows within 15 minutes raise the alarm.
const FailureAlarmThreshold = 3
