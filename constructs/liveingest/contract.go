package liveingest

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/contract"
)

// RuntimeCalls lists the calls the channel makes as its roles: CMAF ingest to MediaPackage v2,
// its logs, the pull password, and (as the input's role) the MediaConnect flows' outputs.
func (ch *Channel) RuntimeCalls() []contract.Call {
	p := &ch.props
	stack := awscdk.Stack_Of(ch.Construct)
	group := stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("logs"), Resource: jsii.String("log-group"), ResourceName: jsii.String(logGroup), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME})
	stream := jsii.String(*group + ":log-stream:arn_aws_medialive_channel_" + p.Name + "_0")
	calls := []contract.Call{
		{Role: ch.Role, Action: "mediapackagev2:PutObject", Resource: p.Destination.ChannelArn(), Why: "MediaLive sends CMAF segments to MediaPackage"},
		{Role: ch.Role, Action: "logs:CreateLogGroup", Resource: group, Why: "MediaLive channel logs"},
		{Role: ch.Role, Action: "logs:PutRetentionPolicy", Resource: group, Why: "MediaLive channel logs"},
		{Role: ch.Role, Action: "logs:CreateLogStream", Resource: stream, Why: "MediaLive channel logs (a stream per pipeline)"},
		{Role: ch.Role, Action: "logs:PutLogEvents", Resource: stream, Why: "MediaLive channel logs"},
		{Role: ch.Role, Action: "logs:DescribeLogStreams", Resource: group, Why: "MediaLive channel logs"},
	}
	if n := p.PullPasswordParameter; n != "" {
		calls = append(calls, contract.Call{Role: ch.Role, Action: "ssm:GetParameters", Resource: parameterArn(stack, n), Why: "MediaLive reads the pull password"})
	}
	if p.SRTPassphrase != nil {
		calls = append(calls, contract.Call{Role: ch.Role, Action: "secretsmanager:GetSecretValue", Resource: p.SRTPassphrase.SecretArn(), Why: "MediaLive reads the SRT passphrase to decrypt the feed"})
	}
	for _, f := range p.FlowArns {
		for _, a := range []string{"mediaconnect:ManagedDescribeFlow", "mediaconnect:ManagedAddOutput", "mediaconnect:ManagedRemoveOutput"} {
			calls = append(calls, contract.Call{Role: ch.InputRole, Action: a, Resource: jsii.String(f), Why: "the MediaLive input attaches to the MediaConnect flow"})
		}
	}
	if ch.StartStop != nil {
		for _, a := range []string{"medialive:StartChannel", "medialive:StopChannel"} {
			calls = append(calls, contract.Call{Role: ch.StartStopRole, Action: a, Resource: ch.Channel.AttrArn(), Why: "AutoStart starts the channel after deploy and stops it before delete"})
		}
	}
	if ch.Breaks != nil {
		calls = append(calls, contract.Call{Role: ch.BreaksRole, Action: "medialive:BatchUpdateSchedule", Resource: ch.Channel.AttrArn(), Why: "EventBridge Scheduler inserts the scheduled ad breaks"})
	}
	return calls
}
