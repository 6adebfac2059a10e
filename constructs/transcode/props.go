package transcode

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"

	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
)

// Trigger says which uploads start the workflow.
type Trigger string

const (
	// TriggerVideo starts a job for every uploaded video file. The default.
	TriggerVideo Trigger = "VIDEO"
	// TriggerMetadata starts a job for every uploaded .json metadata file; the file names the
	// source video and may override the encoding (see README.md).
	TriggerMetadata Trigger = "METADATA"
)

// Acceleration is MediaConvert's accelerated transcoding mode.
type Acceleration string

const (
	// AccelerationPreferred accelerates jobs that qualify and runs the others normally. The default.
	AccelerationPreferred Acceleration = "PREFERRED"
	// AccelerationEnabled requires acceleration; jobs that do not qualify fail.
	AccelerationEnabled Acceleration = "ENABLED"
	// AccelerationDisabled never accelerates.
	AccelerationDisabled Acceleration = "DISABLED"
)

// DefaultSuffixes are the source file suffixes that start a job (matched in any case).
var DefaultSuffixes = []string{"mpg", "mp4", "m4v", "mov", "m2ts", "wmv", "mxf", "mkv", "m3u8", "mpeg", "webm", "h264"}

// PipelineOptions are the pipeline settings a user chooses (the stacks take them as they are).
type PipelineOptions struct {
	// SourcePrefix limits the pipeline to keys under this prefix (e.g. "uploads/").
	// Default: the whole bucket.
	SourcePrefix string
	// Trigger selects what starts a job. Default: TriggerVideo.
	Trigger Trigger
	// Suffixes are the accepted source suffixes, without the dot. Default: DefaultSuffixes.
	Suffixes []string

	// Encoding is the ladder, codec and output formats. Default: the zero jobspec.Spec
	// (H.264 QVBR, DefaultLadder, CMAF with HLS and DASH manifests, 6 s segments).
	Encoding jobspec.Spec
	// Acceleration is MediaConvert's accelerated transcoding mode. Default: AccelerationPreferred.
	Acceleration Acceleration
	// QueueName is an existing MediaConvert queue jobs run in. Default: "Default" (every account
	// has it), unless CreateQueue is set.
	QueueName string
	// CreateQueue creates a dedicated on-demand MediaConvert queue for the pipeline (its own
	// metrics, and it can be paused without stopping other work). Default: false.
	CreateQueue bool
	// Priority of the jobs in the queue, -50 to 50. Default: 0.
	Priority int
	// UserMetadata is added to every MediaConvert job. Default: none.
	UserMetadata map[string]string

	// NotificationEmail subscribes an address to the completion/failure topic. Default: none.
	NotificationEmail string
	// LogRetention of the workflow and function logs. Default: one year.
	LogRetention awslogs.RetentionDays
	// RemovalPolicy of the tracking table, logs and created buckets. Default: RETAIN.
	RemovalPolicy awscdk.RemovalPolicy
}

// PipelineProps configures NewPipeline: the options and what the pipeline is wired to.
type PipelineProps struct {
	PipelineOptions
	// Source is the mezzanine bucket. Required. EventBridge notifications must be enabled on it.
	Source awss3.IBucket
	// SourceEncryptionKey is the KMS key of the source bucket, if any. Default: SSE-S3.
	SourceEncryptionKey awskms.IKey
	// OutputBucket receives the renditions. Default: a bucket made with NewOutputBucket.
	OutputBucket awss3.IBucket
	// LogsBucket receives the access logs of an output bucket created here. Default: created.
	LogsBucket awss3.IBucket
	// PlaybackBaseURL is the URL the outputs are served from (e.g. the CloudFront domain);
	// playback URLs in the tracking table and the notifications start with it.
	// Default: none; s3:// URIs are recorded instead.
	PlaybackBaseURL string
	// PlayerURL is the player page (e.g. https://<domain>/player/); every job's playback URLs
	// then include "player", the page opened on the title. Default: none.
	PlayerURL string
	// AdsHLSPrefix and AdsDashPrefix are ad-enabled URL prefixes (a MediaTailor playback
	// configuration's HLS and DASH prefixes on the distribution, see ads.Playback) followed by
	// an output's key; every job's playback URLs then include ad-enabled ones. Default: none.
	AdsHLSPrefix, AdsDASHPrefix string
	// PrivateOutputs says the distribution does not serve the renditions (with DRM,
	// MediaPackage's encrypted configurations are served instead): playback URLs and player
	// links are then MediaPackage's only. Needs Packaging. Default: false.
	PrivateOutputs bool
	// ClearKeyLicensePath is a Clear Key license route on the distribution (the demo key
	// server's, keyserver.LicensePath); player links of encrypted assets name it with the
	// asset's content id. Needs PrivateOutputs. Default: none.
	ClearKeyLicensePath string
	// Packaging registers every HLS output with MediaPackage VOD: a group made here
	// (*packaging.Vod) or one that exists (packaging.ExistingVodGroup's Destination).
	// Default: none.
	Packaging packaging.VodDestination
}
