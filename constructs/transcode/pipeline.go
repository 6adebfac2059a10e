package transcode

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmediaconvert"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/storage"
	"github.com/streamcdk/streamcdk/constructs/ops"
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
	// Notifications is Topic with its key and alarms.
	Notifications *ops.Topic
	// Alarms watch what no job notification reports: executions that time out, repeated
	// failures, and events or records that land in the dead-letter queue. They notify Topic.
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

// NewPipeline defines the transcode pipeline.
func NewPipeline(scope constructs.Construct, id string, props *PipelineProps) *Pipeline {
	if props == nil {
		props = &PipelineProps{}
	}
	if err := props.Validate(); err != nil {
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

	p.Notifications = ops.NewTopic(c, "Notifications", &ops.TopicProps{
		DisplayName:    "StreamCDK transcode notifications",
		KeyDescription: "Encrypts the StreamCDK transcode notifications topic",
		Email:          props.NotificationEmail,
		RemovalPolicy:  removal,
	})
	p.Topic, p.TopicKey = p.Notifications.Topic, p.Notifications.Key

	p.DeadLetterQueue = awssqs.NewQueue(c, jsii.String("DeadLetters"), &awssqs.QueueProps{
		Encryption:      awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:      jsii.Bool(true),
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
	})
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
