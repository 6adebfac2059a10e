package liveingest

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	sfn "github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	tasks "github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/nag"
	"github.com/streamcdk/streamcdk/constructs/ops"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// RunningSinceTag is the tag CostGuard puts on a channel when it starts: the start's time.
const RunningSinceTag = "StreamCdkRunningSince"

// CostGuardProps configures NewCostGuard.
type CostGuardProps struct {
	// Channels are tagged with their start time when they start. Required.
	Channels []*Channel
	// Topic receives the daily notice. Required.
	Topic *ops.Topic
	// HourUTC is the hour of the daily notice, 1-24 UTC (24 is midnight). Default: 8.
	HourUTC int
}

// CostGuard tells, once a day, which MediaLive channels of the account and Region are running
// (a running channel bills by the hour whether anyone watches or not) and since when: a rule
// tags each of the stack's channels with its start time as it starts (RunningSinceTag), and a
// daily rule runs a state machine that lists the running channels and, if any, publishes
// them to Topic. Both are Step Functions calling MediaLive directly: no function.
type CostGuard struct {
	// Tagger tags a starting channel; Report lists the running ones and notifies.
	Tagger, Report sfn.StateMachine
	// Starts matches the channels' start events; Daily runs Report.
	Starts, Daily awsevents.Rule
}

// Validate returns the *validate.Error NewCostGuard would panic with for these props, without
// creating anything.
func (p *CostGuardProps) Validate() error {
	if len(p.Channels) == 0 || p.Topic == nil {
		return validate.Invalid("liveingest", "Channels", validate.NoValue, "and {Topic} are required")
	}
	return validate.InRange("liveingest", "HourUTC", p.HourUTC, 1, 24, "", true)
}

// NewCostGuard defines the guard.
func NewCostGuard(scope constructs.Construct, id string, props *CostGuardProps) *CostGuard {
	var p CostGuardProps
	if props != nil {
		p = *props
	}
	if err := p.Validate(); err != nil {
		panic(err)
	}
	hour := p.HourUTC
	if hour == 0 {
		hour = 8
	}
	c := constructs.NewConstruct(scope, &id)
	g := &CostGuard{}
	var arns []*string
	for _, ch := range p.Channels {
		arns = append(arns, ch.Channel.AttrArn())
	}
	g.addTagger(c, arns)
	g.addReport(c, p.Topic, hour%24)
	nag.Suppress(g.Report.Role(), true, nag.Rule{ID: "AwsSolutions-IAM5", AppliesTo: []string{"Resource::*", "Action::kms:GenerateDataKey*"},
		Reason: "medialive:ListChannels, X-Ray and CloudWatch Logs delivery have no resource type: they can only be granted on *; kms:GenerateDataKey* (the data-key variants SNS uses) is limited to the topic's key."})
	nag.Suppress(g.Tagger.Role(), true, nag.Rule{ID: "AwsSolutions-IAM5", AppliesTo: []string{"Resource::*"},
		Reason: "X-Ray and CloudWatch Logs delivery have no resource type: they can only be granted on *; CreateTags is limited to the stack's channels."})
	return g
}

// costGuardMachine is one of the guard's short state machines, logged and traced.
func costGuardMachine(c constructs.Construct, id, comment string, def sfn.IChainable) sfn.StateMachine {
	logs := awslogs.NewLogGroup(c, jsii.String(id+"Logs"), &awslogs.LogGroupProps{Retention: awslogs.RetentionDays_ONE_MONTH, RemovalPolicy: awscdk.RemovalPolicy_DESTROY})
	sm := sfn.NewStateMachine(c, jsii.String(id), &sfn.StateMachineProps{
		Comment: jsii.String(comment), DefinitionBody: sfn.DefinitionBody_FromChainable(def),
		StateMachineType: sfn.StateMachineType_STANDARD, TracingEnabled: jsii.Bool(true),
		Timeout: awscdk.Duration_Minutes(jsii.Number(5)),
		Logs:    &sfn.LogOptions{Destination: logs, Level: sfn.LogLevel_ALL, IncludeExecutionData: jsii.Bool(true)},
	})
	nag.IgnoreLint(sm.Node().DefaultChild().(awscdk.CfnResource), "W3005") // CDK's DependsOn next to the GetAtt
	return sm
}

// addTagger tags a channel with the time it started, on MediaLive's state change to RUNNING.
func (g *CostGuard) addTagger(c constructs.Construct, arns []*string) {
	tag := tasks.NewCallAwsService(c, jsii.String("Tag the start"), &tasks.CallAwsServiceProps{
		Service: jsii.String("medialive"), Action: jsii.String("createTags"),
		Parameters:   &map[string]interface{}{"ResourceArn.$": "$.resources[0]", "Tags": map[string]interface{}{RunningSinceTag + ".$": "$.time"}},
		IamResources: &arns,
		ResultPath:   sfn.JsonPath_DISCARD(),
	})
	g.Tagger = costGuardMachine(c, "Tagger", "StreamCDK: tag a MediaLive channel with its start time", tag)
	g.Starts = awsevents.NewRule(c, jsii.String("Starts"), &awsevents.RuleProps{
		Description: jsii.String("A StreamCDK MediaLive channel started: tag it with the time"),
		EventPattern: &awsevents.EventPattern{
			Source: jsii.Strings("aws.medialive"), DetailType: jsii.Strings("MediaLive Channel State Change"),
			Resources: &arns, Detail: &map[string]interface{}{"state": []interface{}{"RUNNING"}},
		},
	})
	g.Starts.AddTarget(awseventstargets.NewSfnStateMachine(g.Tagger, &awseventstargets.SfnStateMachineProps{RetryAttempts: jsii.Number(3)}))
}

// addReport notifies topic daily at hour (UTC) of every running channel of the Region, with
// its start time where it was tagged.
func (g *CostGuard) addReport(c constructs.Construct, topic *ops.Topic, hour int) {
	list := tasks.NewCallAwsService(c, jsii.String("List channels"), &tasks.CallAwsServiceProps{
		Service: jsii.String("medialive"), Action: jsii.String("listChannels"),
		Parameters:   &map[string]interface{}{"MaxResults": 1000},
		IamResources: jsii.Strings("*"), // ListChannels has no resource type
		ResultSelector: &map[string]interface{}{
			"running.$": "$.Channels[?(@.State == 'RUNNING')]",
		},
	})
	tagged := sfn.NewPass(c, jsii.String("Started at a known time"), &sfn.PassProps{Parameters: &map[string]interface{}{
		"name.$": "$.Name", "id.$": "$.Id", "pipelines.$": "$.PipelinesRunningCount", "runningSince.$": "$.Tags." + RunningSinceTag,
	}})
	untagged := sfn.NewPass(c, jsii.String("Start time unknown"), &sfn.PassProps{Parameters: &map[string]interface{}{
		"name.$": "$.Name", "id.$": "$.Id", "pipelines.$": "$.PipelinesRunningCount", "runningSince": "unknown (started before this stack watched it)",
	}})
	describe := sfn.NewMap(c, jsii.String("Each running channel"), &sfn.MapProps{ItemsPath: jsii.String("$.running"), ResultPath: jsii.String("$.running")})
	describe.ItemProcessor(sfn.NewChoice(c, jsii.String("Tagged?"), nil).
		When(sfn.Condition_IsPresent(jsii.String("$.Tags."+RunningSinceTag)), tagged, nil).
		Otherwise(untagged), nil)
	publish := tasks.NewSnsPublish(c, jsii.String("Notify"), &tasks.SnsPublishProps{
		Topic:      topic.Topic,
		Subject:    jsii.String("StreamCDK: MediaLive channels running"),
		Message:    sfn.TaskInput_FromJsonPathAt(jsii.String(fmt.Sprintf("States.Format('{} MediaLive channel(s) running in this Region, each billed by the hour: {}. Stop what nobody needs: aws medialive stop-channel --channel-id <id>', States.ArrayLength($.running), States.JsonToString($.running))"))),
		ResultPath: sfn.JsonPath_DISCARD(),
	})
	report := list.Next(sfn.NewChoice(c, jsii.String("Any running?"), nil).
		When(sfn.Condition_IsPresent(jsii.String("$.running[0]")), describe.Next(publish), nil).
		Otherwise(sfn.NewSucceed(c, jsii.String("None running"), nil)))
	g.Report = costGuardMachine(c, "Report", "StreamCDK: list the running MediaLive channels and notify", report)
	topic.Key.Grant(g.Report, jsii.String("kms:Decrypt"), jsii.String("kms:GenerateDataKey*"))
	g.Daily = awsevents.NewRule(c, jsii.String("Daily"), &awsevents.RuleProps{
		Description: jsii.String(fmt.Sprintf("Daily at %02d:00 UTC: notify the MediaLive channels running", hour)),
		Schedule:    awsevents.Schedule_Cron(&awsevents.CronOptions{Minute: jsii.String("0"), Hour: jsii.String(fmt.Sprint(hour))}),
	})
	g.Daily.AddTarget(awseventstargets.NewSfnStateMachine(g.Report, &awseventstargets.SfnStateMachineProps{RetryAttempts: jsii.Number(3)}))
}
