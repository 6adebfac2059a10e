package liveingest

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmedialive"
	mpv2 "github.com/aws/aws-cdk-go/awscdk/v2/awsmediapackagev2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	mltypes "github.com/aws/aws-sdk-go-v2/service/medialive/types"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/nag"
	"github.com/streamcdk/streamcdk/constructs/internal/trust"
	"github.com/streamcdk/streamcdk/constructs/liveingest/encoder"
)

// Channel is a live ingest channel. Every created resource is exposed.
type Channel struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// Input is the MediaLive input; SecurityGroup guards it (push inputs only, else nil).
	Input         awsmedialive.CfnInput
	SecurityGroup awsmedialive.CfnInputSecurityGroup
	// Channel is the MediaLive channel.
	Channel awsmedialive.CfnChannel
	// Role is the role the channel runs as; InputRole the one a MediaConnect input uses (else nil).
	Role, InputRole awsiam.Role
	// ChannelPolicy lets Role write to the MediaPackage v2 channel (CMAF ingest); nil when the
	// channel is not this app's (packaging.ExistingLiveChannel).
	ChannelPolicy mpv2.CfnChannelPolicy
	// Spec is the validated encoding with its defaults applied.
	Spec encoder.Spec
	// StartStop starts and stops the channel (AutoStart only, else nil); StartStopRole is the
	// role its function runs as.
	StartStop     customresources.AwsCustomResource
	StartStopRole awsiam.Role
	// Breaks inserts a break every BreakEveryMinutes (else nil); BreaksRole is the role the
	// scheduler calls MediaLive as.
	Breaks     awsscheduler.CfnSchedule
	BreaksRole awsiam.Role

	props ChannelProps
}

// destinationID names the channel's destination, referred to by the output group.
const destinationID = "mediapackage"

// logGroup is where every MediaLive channel of an account and Region logs (MediaLive's choice).
const logGroup = "ElementalMediaLive"

// NewChannel defines the channel. props is required (Destination).
func NewChannel(scope constructs.Construct, id string, props *ChannelProps) *Channel {
	p := ChannelProps{}
	if props != nil {
		p = *props
	}
	if p.Name == "" {
		p.Name = id
	}
	p = p.withDefaults()
	if err := p.validate(); err != nil {
		panic(err)
	}
	c := constructs.NewConstruct(scope, &id)
	ch := &Channel{Construct: c, Spec: p.Encoding.WithDefaults(), props: p}
	ch.newRole(c)
	ch.newInput(c)
	ch.newChannel(c)
	if p.AutoStart {
		ch.newStartStop(c)
	}
	if p.BreakEveryMinutes > 0 {
		ch.newBreaks(c)
	}
	return ch
}

// ticksPerSecond is SCTE-35's 90 kHz clock: splice durations are in ticks.
const ticksPerSecond = 90000

// BreakSpliceEventID is the splice_event_id of scheduled breaks. Scheduler cannot put a number
// that changes per call into the request, so every scheduled break of a channel carries this
// id; breaks are validated to be further apart than a manifest window plus the break, so two
// breaks with the same id never appear in one manifest (HLS requires one EXT-X-DATERANGE per id).
const BreakSpliceEventID = 1000

// newBreaks inserts a break every BreakEveryMinutes: an EventBridge Scheduler schedule whose
// universal target is MediaLive's BatchUpdateSchedule with an immediate splice insert. Each
// action is named after the invocation (MediaLive wants unique names; it drops actions an hour
// after they ran). A call made while the channel is idle fails and is not retried: a break
// is only worth having on time.
func (ch *Channel) newBreaks(c constructs.Construct) {
	p := &ch.props
	ch.BreaksRole = awsiam.NewRole(c, jsii.String("BreaksRole"), &awsiam.RoleProps{
		AssumedBy:   trust.Service(c, "scheduler.amazonaws.com"),
		Description: jsii.String("EventBridge Scheduler inserts scheduled ad breaks into MediaLive channel " + p.Name),
	})
	ch.BreaksRole.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("medialive:BatchUpdateSchedule"),
		Resources: &[]*string{ch.Channel.AttrArn()},
	}))
	// Scheduler fills <aws.scheduler.execution-id> in the text: no HTML escaping of < and >.
	var input strings.Builder
	enc := json.NewEncoder(&input)
	enc.SetEscapeHTML(false)
	enc.Encode(map[string]any{
		"ChannelId": "CHANNEL_ID",
		"Creates": map[string]any{"ScheduleActions": []any{map[string]any{
			"ActionName":                  "streamcdk-break-<aws.scheduler.execution-id>",
			"ScheduleActionStartSettings": map[string]any{"ImmediateModeScheduleActionStartSettings": map[string]any{}},
			"ScheduleActionSettings": map[string]any{"Scte35SpliceInsertSettings": map[string]any{
				"SpliceEventId": BreakSpliceEventID, "Duration": p.breakSeconds() * ticksPerSecond}},
		}}},
	})
	parts := strings.SplitN(strings.TrimSpace(input.String()), "CHANNEL_ID", 2)
	every := fmt.Sprintf("rate(%d minutes)", p.BreakEveryMinutes)
	if p.BreakEveryMinutes == 1 {
		every = "rate(1 minute)"
	}
	ch.Breaks = awsscheduler.NewCfnSchedule(c, jsii.String("Breaks"), &awsscheduler.CfnScheduleProps{
		Description:        jsii.String(fmt.Sprintf("A %d s SCTE-35 ad break on MediaLive channel %s every %d minutes", p.breakSeconds(), p.Name, p.BreakEveryMinutes)),
		ScheduleExpression: jsii.String(every),
		FlexibleTimeWindow: &awsscheduler.CfnSchedule_FlexibleTimeWindowProperty{Mode: jsii.String("OFF")},
		State:              jsii.String("ENABLED"),
		Target: &awsscheduler.CfnSchedule_TargetProperty{
			Arn:         awscdk.Fn_Sub(jsii.String("arn:${AWS::Partition}:scheduler:::aws-sdk:medialive:batchUpdateSchedule"), nil),
			RoleArn:     ch.BreaksRole.RoleArn(),
			Input:       awscdk.Fn_Join(jsii.String(""), &[]*string{jsii.String(parts[0]), ch.Channel.Ref(), jsii.String(parts[1])}),
			RetryPolicy: &awsscheduler.CfnSchedule_RetryPolicyProperty{MaximumRetryAttempts: jsii.Number(0), MaximumEventAgeInSeconds: jsii.Number(60)},
		},
	})
}

// newStartStop starts the channel after deploy and stops it before delete.
func (ch *Channel) newStartStop(c constructs.Construct) {
	logs := awslogs.NewLogGroup(c, jsii.String("StartStopLogs"), &awslogs.LogGroupProps{Retention: awslogs.RetentionDays_ONE_YEAR})
	ch.StartStopRole = awsiam.NewRole(c, jsii.String("StartStopRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Starts MediaLive channel " + ch.props.Name + " after deploy, stops it before delete"),
	})
	ch.StartStopRole.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("logs:CreateLogStream", "logs:PutLogEvents"), Resources: &[]*string{logs.LogGroupArn()},
	}))
	control := awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("medialive:StartChannel", "medialive:StopChannel"), Resources: &[]*string{ch.Channel.AttrArn()},
	})
	call := func(action string) *customresources.AwsSdkCall {
		return &customresources.AwsSdkCall{Service: jsii.String("MediaLive"), Action: jsii.String(action),
			Parameters: map[string]interface{}{"ChannelId": ch.Channel.Ref()}, PhysicalResourceId: customresources.PhysicalResourceId_Of(ch.Channel.Ref())}
	}
	ch.StartStop = customresources.NewAwsCustomResource(c, jsii.String("StartStop"), &customresources.AwsCustomResourceProps{
		OnCreate: call("StartChannel"), OnDelete: call("StopChannel"),
		Role: ch.StartStopRole, LogGroup: logs, InstallLatestAwsSdk: jsii.Bool(false),
		Policy: customresources.AwsCustomResourcePolicy_FromStatements(&[]awsiam.PolicyStatement{control}),
	})
	// W3005: CDK adds DependsOn on the role next to the GetAtt in its provider function; harmless.
	if f, ok := awscdk.Stack_Of(c).Node().TryFindChild(jsii.String("AWS679f53fac002430cb0da5b7982bd2287")).(awslambda.Function); ok {
		nag.IgnoreLint(f.Node().DefaultChild().(awscdk.CfnResource), "W3005")
		nag.Suppress(f, true, nag.Rule{ID: "AwsSolutions-L1", Reason: "CDK's AwsCustomResource provider function: its runtime is set by the CDK version in use, and it runs only when the stack is deployed or deleted."})
	}
	nag.Suppress(ch.StartStopRole, true, nag.Rule{ID: "AwsSolutions-IAM5", AppliesTo: []string{"Resource::<" + *awscdk.Stack_Of(c).GetLogicalId(logs.Node().DefaultChild().(awscdk.CfnElement)) + ".Arn>:*"},
		Reason: "Lambda names the function's log streams at run time, in its own log group."})
}

func (ch *Channel) newRole(c constructs.Construct) {
	p := &ch.props
	stack := awscdk.Stack_Of(c)
	ch.Role = awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("medialive.amazonaws.com"), nil),
		Description: jsii.String("MediaLive channel " + p.Name + ": CMAF ingest to MediaPackage v2, logs"),
	})
	ch.Role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("mediapackagev2:PutObject"),
		Resources: &[]*string{p.Destination.ChannelArn()},
	}))
	group := stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("logs"), Resource: jsii.String("log-group"), ResourceName: jsii.String(logGroup), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME})
	ch.Role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
		Resources: &[]*string{group, jsii.String(*group + ":*")},
	}))
	if n := p.PullPasswordParameter; n != "" {
		ch.Role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("ssm:GetParameters"),
			Resources: &[]*string{parameterArn(stack, n)},
		}))
	}
	if p.SRTPassphrase != nil {
		// "you must give MediaLive permission to obtain the value in the secret"
		// (https://docs.aws.amazon.com/medialive/latest/ug/encryption-srt-password.html)
		// (GetSecretValue only; a secret under a customer-managed key also needs kms:Decrypt from
		// that key's policy).
		ch.Role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("secretsmanager:GetSecretValue"),
			Resources: &[]*string{p.SRTPassphrase.SecretArn()},
		}))
	}
	nag.Suppress(ch.Role, true, nag.Rule{ID: "AwsSolutions-IAM5", AppliesTo: []string{"Resource::" + nag.Finding(ch.Role, jsii.String(*group+":*"))},
		Reason: "MediaLive names the channel's log streams (one per pipeline) in its ElementalMediaLive group at run time."})
	// MediaPackage v2 also checks the channel's own policy for ingest (nil for a channel that
	// is not this app's: its owner's policy must admit the role).
	ch.ChannelPolicy = p.Destination.AddIngestPolicy(c, ch.Role)
}

// parameterArn is the ARN of an SSM parameter by name ("/a/b" or "a").
func parameterArn(stack awscdk.Stack, name string) *string {
	if name[0] == '/' {
		name = name[1:]
	}
	return stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("ssm"), Resource: jsii.String("parameter"), ResourceName: jsii.String(name)})
}

func (ch *Channel) newInput(c constructs.Construct) {
	p := &ch.props
	ip := &awsmedialive.CfnInputProps{Name: jsii.String(p.Name), Type: jsii.String(string(p.inputType()))}
	switch p.inputType() {
	case RTMPPush, RTPPush:
		ch.pushInput(c, ip)
	case URLPull:
		var srcs []interface{}
		for _, u := range p.Sources {
			s := &awsmedialive.CfnInput_InputSourceRequestProperty{Url: jsii.String(u)}
			if p.PullPasswordParameter != "" {
				s.Username, s.PasswordParam = jsii.String(p.PullUsername), jsii.String(p.PullPasswordParameter)
			}
			srcs = append(srcs, s)
		}
		ip.Sources = srcs
	case SRTCaller:
		ch.srtInput(c, ip)
	case MediaConnect:
		ch.mediaConnectInput(c, ip)
	}
	ch.Input = awsmedialive.NewCfnInput(c, jsii.String("Input"), ip)
	if ch.SecurityGroup != nil {
		// E1041: cfn-lint's schema takes InputSecurityGroups for EC2 security group ids; these are
		// MediaLive input security group ids (Ref of AWS::MediaLive::InputSecurityGroup).
		nag.IgnoreLint(ch.Input, "E1041")
	}
	if p.PullPasswordParameter != "" {
		// W2501: PasswordParam holds the name of an SSM SecureString parameter, not a password.
		nag.IgnoreLint(ch.Input, "W2501")
	}
}

// pushInput admits pushes from InputCIDRs (an input security group); RTMP gets stream names.
func (ch *Channel) pushInput(c constructs.Construct, ip *awsmedialive.CfnInputProps) {
	p := &ch.props
	var rules []interface{}
	for _, cidr := range p.InputCIDRs {
		rules = append(rules, &awsmedialive.CfnInputSecurityGroup_InputWhitelistRuleCidrProperty{Cidr: jsii.String(cidr)})
		if OpenCIDR(cidr) {
			nag.Warn(c, "streamcdk:open-input", "input "+p.Name+" accepts pushes from "+cidr+", wider than /16 (AllowOpenInput)")
		}
	}
	ch.SecurityGroup = awsmedialive.NewCfnInputSecurityGroup(c, jsii.String("SecurityGroup"), &awsmedialive.CfnInputSecurityGroupProps{WhitelistRules: rules})
	ip.InputSecurityGroups = &[]*string{ch.SecurityGroup.Ref()}
	if p.inputType() == RTMPPush {
		// The stream name carries a part of the stack's id (a UUID CloudFormation assigns when
		// the stack is created): known from the IngestUrls output, not guessable from the
		// channel's name, the same on every deploy of the stack.
		stackPart := awscdk.Fn_Select(jsii.Number(0), awscdk.Fn_Split(jsii.String("-"), awscdk.Fn_Select(jsii.Number(2), awscdk.Fn_Split(jsii.String("/"), awscdk.Aws_STACK_ID(), nil)), nil))
		var dests []interface{}
		for _, suffix := range []string{"a", "b"}[:p.feeds()] {
			dests = append(dests, &awsmedialive.CfnInput_InputDestinationRequestProperty{StreamName: jsii.String("live/" + p.Name + "-" + *stackPart + "-" + suffix)})
		}
		ip.Destinations = dests
	}
}

// srtInput calls the SRT listeners, decrypting with the passphrase when there is one.
func (ch *Channel) srtInput(c constructs.Construct, ip *awsmedialive.CfnInputProps) {
	p := &ch.props
	var srcs []interface{}
	for _, s := range p.Sources {
		host, port := splitHostPort(s)
		src := &awsmedialive.CfnInput_SrtCallerSourceRequestProperty{SrtListenerAddress: jsii.String(host), SrtListenerPort: jsii.String(port), MinimumLatency: jsii.Number(2000)}
		if p.SRTStreamID != "" {
			src.StreamId = jsii.String(p.SRTStreamID)
		}
		if p.SRTPassphrase != nil {
			algo := p.SRTAlgorithm
			if algo == "" {
				algo = string(mltypes.SrtEncryptionTypeAes256)
			}
			src.Decryption = &awsmedialive.CfnInput_SrtCallerDecryptionRequestProperty{Algorithm: jsii.String(algo), PassphraseSecretArn: p.SRTPassphrase.SecretArn()}
		}
		srcs = append(srcs, src)
	}
	ip.SrtSettings = &awsmedialive.CfnInput_SrtSettingsRequestProperty{SrtCallerSources: srcs}
	if p.SRTPassphrase == nil {
		nag.Warn(c, "streamcdk:srt-unencrypted", "SRT input "+p.Name+" has no passphrase (AllowUnencryptedSRT): the feed crosses the network unencrypted")
	}
}

// mediaConnectInput takes the MediaConnect flows, with the role MediaLive uses to add its
// outputs to them.
func (ch *Channel) mediaConnectInput(c constructs.Construct, ip *awsmedialive.CfnInputProps) {
	p := &ch.props
	var flows []interface{}
	for _, f := range p.FlowArns {
		flows = append(flows, &awsmedialive.CfnInput_MediaConnectFlowRequestProperty{FlowArn: jsii.String(f)})
	}
	ip.MediaConnectFlows = flows
	ch.InputRole = awsiam.NewRole(c, jsii.String("InputRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("medialive.amazonaws.com"), nil),
		Description: jsii.String("MediaLive input " + p.Name + ": adds and removes its outputs on the MediaConnect flows"),
	})
	ch.InputRole.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("mediaconnect:ManagedDescribeFlow", "mediaconnect:ManagedAddOutput", "mediaconnect:ManagedRemoveOutput"),
		Resources: jsii.Strings(p.FlowArns...),
	}))
	ip.RoleArn = ch.InputRole.RoleArn()
}

func splitHostPort(s string) (string, string) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ':' {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

func (ch *Channel) newChannel(c constructs.Construct) {
	p := &ch.props
	spec := ch.Spec.InputSpec()
	settings := &awsmedialive.CfnChannel_InputSettingsProperty{SourceEndBehavior: jsii.String("CONTINUE")}
	if p.inputType() == URLPull {
		// A test or VOD-style playlist ends; loop it so the channel keeps streaming.
		settings.SourceEndBehavior = jsii.String("LOOP")
		settings.NetworkInputSettings = &awsmedialive.CfnChannel_NetworkInputSettingsProperty{ServerValidation: jsii.String("CHECK_CRYPTOGRAPHY_AND_VALIDATE_NAME")}
	}
	// CMAF ingest (not the MediaPackage output group): each pipeline sends to its own ingest
	// endpoint of the v2 channel, and MediaLive adds the media quality confidence score (MQCS)
	// to CMAF ingest, which MediaPackage uses to switch to the better pipeline.
	urls := p.Destination.IngestEndpointURLs()
	var dest []interface{}
	for i := 0; i < p.feeds(); i++ {
		dest = append(dest, &awsmedialive.CfnChannel_OutputDestinationSettingsProperty{Url: awscdk.Fn_Select(jsii.Number(float64(i)), urls)})
	}
	ch.Channel = awsmedialive.NewCfnChannel(c, jsii.String("Channel"), &awsmedialive.CfnChannelProps{
		Name:         jsii.String(p.Name),
		ChannelClass: jsii.String(string(p.class())),
		RoleArn:      ch.Role.RoleArn(),
		LogLevel:     jsii.String("INFO"),
		InputSpecification: &awsmedialive.CfnChannel_InputSpecificationProperty{
			Codec: jsii.String(spec.Codec), MaximumBitrate: jsii.String(spec.MaximumBitrate), Resolution: jsii.String(spec.Resolution),
		},
		InputAttachments: []interface{}{&awsmedialive.CfnChannel_InputAttachmentProperty{
			InputId: ch.Input.Ref(), InputAttachmentName: jsii.String(p.Name), InputSettings: settings,
		}},
		Destinations: []interface{}{&awsmedialive.CfnChannel_OutputDestinationProperty{Id: jsii.String(destinationID), Settings: dest}},
	})
	// The encoder settings are written as MediaLive's API names them (package encoder), checked
	// against the SDK's model in tests; the override keeps CDK from dropping unknown fields.
	override := func(path string, v any) {
		raw, _ := json.Marshal(v)
		var m any
		json.Unmarshal(raw, &m)
		ch.Channel.AddPropertyOverride(jsii.String(path), m)
	}
	es := ch.Spec.EncoderSettings(destinationID)
	if p.EpochLocked {
		es.GlobalConfiguration = &encoder.GlobalConfiguration{OutputLockingMode: encoder.EpochLocking}
	}
	override("EncoderSettings", es)
	// The audio and caption selectors the encoder settings name, in the same form.
	in := ch.Spec.Inputs()
	override("InputAttachments.0.InputSettings.AudioSelectors", in.AudioSelectors)
	if len(in.CaptionSelectors) > 0 {
		override("InputAttachments.0.InputSettings.CaptionSelectors", in.CaptionSelectors)
	}
	// MediaPackage (channel, endpoints, ingest policy) exists before the channel sends to it.
	if ch.ChannelPolicy != nil {
		ch.Channel.Node().AddDependency(ch.ChannelPolicy)
	}
	for _, d := range p.Destination.Dependables() {
		ch.Channel.Node().AddDependency(d)
	}
	// The role's policy (CMAF ingest, logs) exists before the channel starts.
	ch.Channel.Node().AddDependency(ch.Role.Node().FindChild(jsii.String("DefaultPolicy")))
}

// ChannelID is the MediaLive channel id (Ref).
func (ch *Channel) ChannelID() *string { return ch.Channel.Ref() }

// PushURLs are the push inputs' destination URLs (one per pipeline); nil for pull inputs.
func (ch *Channel) PushURLs() *[]*string {
	if !ch.props.push() {
		return nil
	}
	return ch.Input.AttrDestinations()
}

// Name is the channel's name (its MediaLive channel and input are named after it).
func (ch *Channel) Name() string { return ch.props.Name }

// Sources are what the channel pulls or calls, one per pipeline (none for push inputs and
// MediaConnect).
func (ch *Channel) Sources() []string { return append([]string(nil), ch.props.Sources...) }

// Class is the channel's class (STANDARD: two pipelines; SINGLE_PIPELINE: one).
func (ch *Channel) Class() ChannelClass { return ch.props.class() }
