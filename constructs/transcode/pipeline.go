package transcode

import (
	"encoding/json"
	"fmt"
	"net/mail"
	"regexp"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmediaconvert"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/gobuild"
	"github.com/streamcdk/streamcdk/constructs/internal/nag"
	"github.com/streamcdk/streamcdk/constructs/internal/storage"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
)

// Pipeline is the VoD transcode pipeline. Every created resource is exposed.
type Pipeline struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// OutputBucket receives the renditions.
	OutputBucket awss3.IBucket
	// Table tracks one item per job (partition key "jobId", the execution name).
	Table awsdynamodb.Table
	// Topic receives a message for every completed or failed job, and the alarms.
	Topic awssns.Topic
	// TopicKey encrypts the topic; a customer-managed key, because CloudWatch alarms cannot
	// publish to a topic encrypted with the AWS-managed SNS key.
	TopicKey awskms.Key
	// Alarms watch what no job notification reports: executions that time out, and events or
	// records that land in the dead-letter queue. They notify Topic.
	Alarms []awscloudwatch.Alarm
	// Queue receives a record for every completed or failed job; DeadLetterQueue takes what
	// consumers fail to process, and events EventBridge could not deliver.
	Queue, DeadLetterQueue awssqs.Queue
	// Prepare is the Go function that probes sources and builds job settings.
	Prepare awslambda.Function
	// MediaConvertRole is the role MediaConvert jobs run as.
	MediaConvertRole awsiam.Role
	// StateMachine is the workflow.
	StateMachine awsstepfunctions.StateMachine
	// Rule starts the workflow on uploads.
	Rule awsevents.Rule
	// MediaConvertQueue is the dedicated queue; nil unless CreateQueue was set.
	MediaConvertQueue awsmediaconvert.CfnQueue
	// Spec is the validated encoding specification with its defaults applied.
	Spec jobspec.Spec

	props *PipelineProps
}

var (
	suffixRe = regexp.MustCompile(`^[a-z0-9]{1,10}$`)
	queueRe  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
	prefixRe = regexp.MustCompile(`^[A-Za-z0-9!\-_.'()/ ]{0,512}$`)
)

// NewPipeline defines the transcode pipeline.
func NewPipeline(scope constructs.Construct, id string, props *PipelineProps) *Pipeline {
	if props == nil {
		props = &PipelineProps{}
	}
	if err := props.validate(); err != nil {
		panic(err)
	}
	c := constructs.NewConstruct(scope, &id)
	p := &Pipeline{Construct: c, Spec: props.Encoding.WithDefaults(), props: props}
	removal := storage.RemovalPolicy(props.RemovalPolicy)
	retention := props.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}

	p.OutputBucket = props.OutputBucket
	if p.OutputBucket == nil {
		p.OutputBucket = NewOutputBucket(c, "Outputs", &OutputBucketProps{LogsBucket: props.LogsBucket, RemovalPolicy: props.RemovalPolicy})
	}

	p.Table = awsdynamodb.NewTable(c, jsii.String("Jobs"), &awsdynamodb.TableProps{
		PartitionKey:                     &awsdynamodb.Attribute{Name: jsii.String("jobId"), Type: awsdynamodb.AttributeType_STRING},
		BillingMode:                      awsdynamodb.BillingMode_PAY_PER_REQUEST,
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: jsii.Bool(true)},
		Encryption:                       awsdynamodb.TableEncryption_AWS_MANAGED,
		RemovalPolicy:                    removal,
	})
	p.Table.AddGlobalSecondaryIndex(&awsdynamodb.GlobalSecondaryIndexProps{
		IndexName:    jsii.String("bySourceKey"),
		PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("sourceKey"), Type: awsdynamodb.AttributeType_STRING},
		SortKey:      &awsdynamodb.Attribute{Name: jsii.String("startedAt"), Type: awsdynamodb.AttributeType_STRING},
	})

	p.TopicKey = awskms.NewKey(c, jsii.String("NotificationsKey"), &awskms.KeyProps{
		Description:       jsii.String("Encrypts the StreamCDK transcode notifications topic"),
		EnableKeyRotation: jsii.Bool(true),
		RemovalPolicy:     removal,
	})
	p.TopicKey.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("CloudWatchAlarmsPublish"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("cloudwatch.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:Decrypt", "kms:GenerateDataKey*"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]interface{}{"StringEquals": map[string]interface{}{"aws:SourceAccount": awscdk.Aws_ACCOUNT_ID()}},
	}), nil)
	p.Topic = awssns.NewTopic(c, jsii.String("Notifications"), &awssns.TopicProps{
		DisplayName: jsii.String("StreamCDK transcode notifications"),
		MasterKey:   p.TopicKey,
		EnforceSSL:  jsii.Bool(true),
	})
	if props.NotificationEmail != "" {
		p.Topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(props.NotificationEmail), nil))
	}

	p.DeadLetterQueue = awssqs.NewQueue(c, jsii.String("DeadLetters"), &awssqs.QueueProps{
		Encryption:      awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:      jsii.Bool(true),
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
	})
	nag.Suppress(p.DeadLetterQueue, false, nag.Rule{ID: "AwsSolutions-SQS3", Reason: "This queue is the dead-letter queue of the completion queue and of the EventBridge target."})
	p.Queue = awssqs.NewQueue(c, jsii.String("Completions"), &awssqs.QueueProps{
		Encryption:      awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:      jsii.Bool(true),
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
		DeadLetterQueue: &awssqs.DeadLetterQueue{Queue: p.DeadLetterQueue, MaxReceiveCount: jsii.Number(5)},
	})

	if props.CreateQueue {
		p.MediaConvertQueue = awsmediaconvert.NewCfnQueue(c, jsii.String("Queue"), &awsmediaconvert.CfnQueueProps{
			Description: jsii.String("StreamCDK transcode jobs"),
			PricingPlan: jsii.String("ON_DEMAND"),
			Status:      jsii.String("ACTIVE"),
		})
	}
	p.MediaConvertRole = p.newMediaConvertRole(c)
	p.Prepare = p.newPrepareFunction(c, retention, removal)
	p.StateMachine = p.newStateMachine(c, retention, removal)
	p.Rule = p.newRule(c)
	p.newAlarms(c)
	return p
}

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
}

func (p *Pipeline) newMediaConvertRole(c constructs.Construct) awsiam.Role {
	props := p.props
	r := awsiam.NewRole(c, jsii.String("MediaConvertRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("mediaconvert.amazonaws.com"), nil),
		Description: jsii.String("MediaConvert reads sources and writes renditions"),
	})
	r.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetObject"),
		Resources: jsii.Strings(*props.Source.ArnForObjects(jsii.String(props.SourcePrefix + "*"))),
	}))
	r.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:PutObject"),
		Resources: jsii.Strings(*p.OutputBucket.ArnForObjects(jsii.String("*"))),
	}))
	if props.SourceEncryptionKey != nil {
		props.SourceEncryptionKey.GrantDecrypt(r)
	}
	nag.Suppress(r, true, nag.Rule{ID: "AwsSolutions-IAM5",
		AppliesTo: []string{objectsFinding(props.Source, props.SourcePrefix), objectsFinding(p.OutputBucket, "")},
		Reason:    "Object keys are chosen by uploaders at run time: MediaConvert reads only under the watched prefix of the source bucket and writes only to the output bucket."})
	return r
}

func (p *Pipeline) newPrepareFunction(c constructs.Construct, retention awslogs.RetentionDays, removal awscdk.RemovalPolicy) awslambda.Function {
	props := p.props
	logs := awslogs.NewLogGroup(c, jsii.String("PrepareLogs"), &awslogs.LogGroupProps{Retention: retention, RemovalPolicy: removal})
	role := awsiam.NewRole(c, jsii.String("PrepareRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Probes sources and reads metadata files"),
	})
	role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:CreateLogStream", "logs:PutLogEvents"),
		Resources: jsii.Strings(*logs.LogGroupArn()),
	}))
	role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetObject"),
		Resources: jsii.Strings(*props.Source.ArnForObjects(jsii.String(props.SourcePrefix + "*"))),
	}))
	role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("mediaconvert:Probe"),
		Resources: jsii.Strings("*"),
	}))
	if p.trigger() == TriggerMetadata {
		// A metadata file's "archive" tags its source for the mezzanine lifecycle rules.
		role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("s3:GetObjectTagging", "s3:PutObjectTagging"),
			Resources: jsii.Strings(*props.Source.ArnForObjects(jsii.String(props.SourcePrefix + "*"))),
		}))
	}
	if props.SourceEncryptionKey != nil {
		props.SourceEncryptionKey.GrantDecrypt(role)
	}
	suffixes, _ := json.Marshal(p.suffixes())
	spec, _ := json.Marshal(props.Encoding)
	user := props.UserMetadata
	if user == nil {
		user = map[string]string{}
	}
	userJSON, _ := json.Marshal(user) // encoding/json sorts map keys: deterministic
	env := map[string]*string{
		"SPEC":          jsii.String(string(spec)),
		"SUFFIXES":      jsii.String(string(suffixes)),
		"OUTPUT_BUCKET": p.OutputBucket.BucketName(),
		"SOURCE_PREFIX": jsii.String(props.SourcePrefix),
		"TRIGGER":       jsii.String(string(p.trigger())),
		"USER_METADATA": jsii.String(string(userJSON)),
	}
	if props.PlaybackBaseURL != "" {
		env["PLAYBACK_BASE_URL"] = jsii.String(props.PlaybackBaseURL)
	}
	fn := awslambda.NewFunction(c, jsii.String("Prepare"), &awslambda.FunctionProps{
		Description:  jsii.String("Probes a source with MediaConvert and plans its encoding"),
		Runtime:      awslambda.Runtime_PROVIDED_AL2023(),
		Architecture: awslambda.Architecture_ARM_64(),
		Handler:      jsii.String("bootstrap"),
		Code:         gobuild.Code("constructs/transcode/lambda/prepare", "constructs/transcode/jobspec"),
		MemorySize:   jsii.Number(256),
		Timeout:      awscdk.Duration_Seconds(jsii.Number(60)),
		Tracing:      awslambda.Tracing_ACTIVE,
		LogGroup:     logs,
		Role:         role,
		Environment:  &env,
	})
	// W3005: CDK adds DependsOn on the role (next to the GetAtt) so that its policy exists
	// before the function; the redundancy is CDK's and harmless.
	nag.IgnoreLint(fn.Node().DefaultChild().(awscdk.CfnResource), "W3005")
	nag.Suppress(role, true, nag.Rule{ID: "AwsSolutions-IAM5",
		AppliesTo: []string{"Resource::*", objectsFinding(props.Source, props.SourcePrefix)},
		Reason:    "mediaconvert:Probe and the X-Ray trace upload that Lambda tracing adds have no resource-level permissions; source object keys are chosen by uploaders (reads stay under the watched prefix)."})
	return fn
}

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

func (p *Pipeline) suffixes() []string {
	if len(p.props.Suffixes) == 0 {
		return DefaultSuffixes
	}
	return p.props.Suffixes
}

func (p *Pipeline) trigger() Trigger {
	if p.props.Trigger == "" {
		return TriggerVideo
	}
	return p.props.Trigger
}

func (p *Pipeline) acceleration() Acceleration {
	if p.props.Acceleration == "" {
		return AccelerationPreferred
	}
	return p.props.Acceleration
}

func (props *PipelineProps) validate() error {
	if props.Source == nil {
		return fmt.Errorf("transcode: Source is required (the mezzanine bucket)")
	}
	if !prefixRe.MatchString(props.SourcePrefix) || strings.HasPrefix(props.SourcePrefix, "/") {
		return fmt.Errorf("transcode: SourcePrefix %q is not allowed; use a key prefix such as \"uploads/\" (letters, digits, ! - _ . ' ( ) / and spaces, no leading /)", props.SourcePrefix)
	}
	switch props.Trigger {
	case "", TriggerVideo, TriggerMetadata:
	default:
		return fmt.Errorf("transcode: Trigger %q is not allowed; use %s or %s", props.Trigger, TriggerVideo, TriggerMetadata)
	}
	for i, s := range props.Suffixes {
		if !suffixRe.MatchString(s) {
			return fmt.Errorf("transcode: Suffixes[%d] %q is not allowed; use lower-case letters and digits without the dot, e.g. \"mp4\"", i, s)
		}
	}
	if err := props.Encoding.Validate(); err != nil {
		return fmt.Errorf("transcode: Encoding.%w", err)
	}
	switch props.Acceleration {
	case "", AccelerationPreferred, AccelerationEnabled, AccelerationDisabled:
	default:
		return fmt.Errorf("transcode: Acceleration %q is not allowed; use %s, %s or %s", props.Acceleration, AccelerationPreferred, AccelerationEnabled, AccelerationDisabled)
	}
	if props.Priority < -50 || props.Priority > 50 {
		return fmt.Errorf("transcode: Priority %d is not allowed; use -50 to 50", props.Priority)
	}
	if props.QueueName != "" && props.CreateQueue {
		return fmt.Errorf("transcode: QueueName %q and CreateQueue go against each other; name an existing queue or create one", props.QueueName)
	}
	if props.QueueName != "" && !queueRe.MatchString(props.QueueName) {
		return fmt.Errorf("transcode: QueueName %q is not allowed; use a MediaConvert queue name (letters, digits, - and _)", props.QueueName)
	}
	keys := make([]string, 0, len(props.UserMetadata))
	for k := range props.UserMetadata {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "" || k == "streamcdkJobId" || k == "sourceKey" {
			return fmt.Errorf("transcode: UserMetadata key %q is not allowed; it is empty or reserved (streamcdkJobId, sourceKey)", k)
		}
	}
	if e := props.NotificationEmail; e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			return fmt.Errorf("transcode: NotificationEmail %q is not an email address", e)
		}
	}
	if props.Packaging != nil && !props.Encoding.WithDefaults().Has(jobspec.HLS) {
		return fmt.Errorf("transcode: Packaging needs %q in Encoding.Formats (MediaPackage VOD ingests HLS with TS segments); Formats is %v", jobspec.HLS, props.Encoding.WithDefaults().Formats)
	}
	if u := props.PlaybackBaseURL; u != "" && !*awscdk.Token_IsUnresolved(jsii.String(u)) && !strings.HasPrefix(u, "https://") {
		return fmt.Errorf("transcode: PlaybackBaseURL %q is not allowed; use an https:// URL", u)
	}
	return nil
}

// objectsFinding is how cdk-nag names a bucket-objects resource in an IAM5 finding.
func objectsFinding(b awss3.IBucket, prefix string) string {
	if cfn, ok := b.Node().DefaultChild().(awscdk.CfnResource); ok && cfn != nil {
		return "Resource::<" + *awscdk.Stack_Of(b).GetLogicalId(cfn) + ".Arn>/" + prefix + "*"
	}
	return "Resource::*"
}
