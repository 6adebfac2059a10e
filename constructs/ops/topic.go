package ops

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// TopicProps configures NewTopic.
type TopicProps struct {
	// DisplayName is the topic's display name (the sender name of its emails). Required.
	DisplayName string
	// KeyDescription describes the topic's KMS key. Default: "Encrypts <DisplayName>".
	KeyDescription string
	// Email is subscribed to the topic (the address confirms by email). Default: none.
	Email string
	// RemovalPolicy of the key. Default: RETAIN.
	RemovalPolicy awscdk.RemovalPolicy
}

// Topic is an SNS topic encrypted with a customer-managed, rotated KMS key (CloudWatch alarms
// cannot publish to a topic encrypted with the AWS-managed SNS key), TLS only, that the
// alarms made with Alarm may publish to (and nothing else of CloudWatch's).
type Topic struct {
	// Topic is the SNS topic; Key encrypts it.
	Topic awssns.Topic
	Key   awskms.Key
	// Alarms are the alarms made with Alarm, in order.
	Alarms []awscloudwatch.Alarm

	publish awsiam.PolicyStatement
}

// NewTopic defines the topic (id) and its key (id + "Key") in scope.
func NewTopic(scope constructs.Construct, id string, props *TopicProps) *Topic {
	var p TopicProps
	if props != nil {
		p = *props
	}
	if p.KeyDescription == "" {
		p.KeyDescription = "Encrypts " + p.DisplayName
	}
	if p.RemovalPolicy == "" {
		p.RemovalPolicy = awscdk.RemovalPolicy_RETAIN
	}
	t := &Topic{}
	t.Key = awskms.NewKey(scope, jsii.String(id+"Key"), &awskms.KeyProps{
		Description:       jsii.String(p.KeyDescription),
		EnableKeyRotation: jsii.Bool(true),
		RemovalPolicy:     p.RemovalPolicy,
	})
	// CloudWatch needs the topic's key to publish to it. The key statement admits CloudWatch for
	// this account only, not per alarm: the alarm is the aws:SourceArn of CloudWatch's call to
	// SNS, which the topic policy checks (Alarm); the KMS calls SNS makes for that message are
	// not documented to carry it, and a condition on a key a request lacks would silence every
	// alarm. The key encrypts this topic alone, so an alarm the topic policy refuses gains
	// nothing from it.
	t.Key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("CloudWatchAlarmsPublish"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("cloudwatch.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:Decrypt", "kms:GenerateDataKey*"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]interface{}{"StringEquals": map[string]interface{}{"aws:SourceAccount": awscdk.Aws_ACCOUNT_ID()}},
	}), nil)
	t.Topic = awssns.NewTopic(scope, jsii.String(id), &awssns.TopicProps{
		DisplayName: jsii.String(p.DisplayName),
		MasterKey:   t.Key,
		EnforceSSL:  jsii.Bool(true),
	})
	if p.Email != "" {
		t.Topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(p.Email), nil))
	}
	return t
}

// Alarm defines an alarm that notifies the topic when it goes into ALARM, and lets it publish:
// the topic's own policy (TLS only) replaces SNS's default one, so CloudWatch may publish only
// for the alarms listed there.
func (t *Topic) Alarm(scope constructs.Construct, id string, props *awscloudwatch.AlarmProps) awscloudwatch.Alarm {
	a := awscloudwatch.NewAlarm(scope, jsii.String(id), props)
	a.AddAlarmAction(awscloudwatchactions.NewSnsAction(t.Topic))
	t.Alarms = append(t.Alarms, a)
	arns := make([]*string, len(t.Alarms))
	for i, x := range t.Alarms {
		arns[i] = x.AlarmArn()
	}
	if t.publish == nil {
		t.publish = awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("CloudWatchAlarmsPublish"),
			Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("cloudwatch.amazonaws.com"), nil)},
			Actions:    jsii.Strings("sns:Publish"),
			Resources:  &[]*string{t.Topic.TopicArn()},
			Conditions: &map[string]interface{}{"StringEquals": map[string]interface{}{"aws:SourceAccount": awscdk.Aws_ACCOUNT_ID()}},
		})
		t.Topic.AddToResourcePolicy(t.publish)
	}
	// The statement is rendered at synth: it lists every alarm made by then.
	t.publish.AddCondition(jsii.String("ArnEquals"), map[string]interface{}{"aws:SourceArn": arns})
	return a
}
