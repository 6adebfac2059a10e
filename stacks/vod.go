package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/mezzanine"
	"github.com/streamcdk/streamcdk/constructs/transcode"
)

// VodStackProps configures NewVodStack. The zero value deploys every default.
type VodStackProps struct {
	// StackProps are passed to the stack (environment, tags, synthesizer...).
	StackProps awscdk.StackProps
	// Mezzanine configures the source bucket.
	Mezzanine mezzanine.BucketProps
	// Pipeline configures the transcode pipeline. Source, OutputBucket, LogsBucket,
	// PlaybackBaseURL and Packaging are set by the stack.
	Pipeline transcode.PipelineProps
}

// VodStack is the video-on-demand stack.
type VodStack struct {
	// Stack is the CloudFormation stack.
	Stack awscdk.Stack
	// Mezzanine is the source bucket.
	Mezzanine *mezzanine.Bucket
	// Outputs is the bucket MediaConvert writes renditions to.
	Outputs awss3.Bucket
	// Pipeline is the transcode pipeline.
	Pipeline *transcode.Pipeline
}

// NewVodStack defines the VoD stack. props may be nil.
func NewVodStack(scope constructs.Construct, id string, props *VodStackProps) *VodStack {
	if props == nil {
		props = &VodStackProps{}
	}
	sp := props.StackProps
	if sp.Description == nil {
		sp.Description = jsii.String("StreamCDK video on demand: mezzanine bucket, MediaConvert pipeline, optional MediaPackage VOD, CloudFront")
	}
	s := awscdk.NewStack(scope, jsii.String(id), &sp)
	v := &VodStack{Stack: s}
	v.Mezzanine = mezzanine.NewBucket(s, "Mezzanine", &props.Mezzanine)
	v.Outputs = transcode.NewOutputBucket(s, "Outputs", &transcode.OutputBucketProps{LogsBucket: v.Mezzanine.LogsBucket, RemovalPolicy: props.Mezzanine.RemovalPolicy})

	pp := props.Pipeline
	pp.Source = v.Mezzanine.Bucket
	pp.SourceEncryptionKey = props.Mezzanine.EncryptionKey
	pp.OutputBucket = v.Outputs
	v.Pipeline = transcode.NewPipeline(s, "Transcode", &pp)

	awscdk.NewCfnOutput(s, jsii.String("MezzanineBucketName"), &awscdk.CfnOutputProps{
		Value:       v.Mezzanine.Bucket.BucketName(),
		Description: jsii.String("Upload source videos here"),
	})
	return v
}
