package transcode_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/mezzanine"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/transcode"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
)

// A pipeline that transcodes every video uploaded to a new source bucket into CMAF (HLS and
// DASH) and progressive MP4, with the default ladder. README.md shows the same code.
func ExampleNewPipeline() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Media"), nil)

	src := mezzanine.NewBucket(stack, "Sources", nil) // nil props: every default
	pipe := transcode.NewPipeline(stack, "Transcode", &transcode.PipelineProps{
		Source: src.Bucket,
		PipelineOptions: transcode.PipelineOptions{
			Encoding: jobspec.Spec{Formats: []jobspec.Format{jobspec.CMAF, jobspec.MP4}},
		},
	})
	_ = pipe.StateMachine // every created resource is an exported field

	fmt.Println(pipe.Spec.Formats, len(pipe.Spec.Ladder), "rungs, top", pipe.Spec.Ladder[0].ShortSide)
	// Output: [CMAF MP4] 8 rungs, top 2160
}

// A pipeline that registers its HLS outputs with a MediaPackage VOD packaging group made
// elsewhere (another stack, the console): its ID, ingest role and configurations describe it.
func ExampleNewPipeline_existingPackaging() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Media"), nil)
	group, err := packaging.ExistingVodGroup{
		PackagingGroupID: "shows",
		IngestRole:       awsiam.Role_FromRoleArn(stack, jsii.String("Ingest"), jsii.String("arn:aws:iam::123456789012:role/mediapackage-ingest"), nil),
		ConfigurationIDs: packaging.VodConfigurationIDs{HLS: "shows-hls", DASH: "shows-dash"},
	}.Destination()
	if err != nil {
		panic(err)
	}
	src := mezzanine.NewBucket(stack, "Sources", nil)
	transcode.NewPipeline(stack, "Transcode", &transcode.PipelineProps{
		Source:    src.Bucket,
		Packaging: group,
		PipelineOptions: transcode.PipelineOptions{
			Encoding: jobspec.Spec{Formats: []jobspec.Format{jobspec.HLS}},
		},
	})

	t := assertions.Template_FromStack(stack, nil)
	def, _ := json.Marshal(t.FindResources(jsii.String("AWS::StepFunctions::StateMachine"), nil))
	fmt.Println(strings.Contains(string(def), `\"PackagingGroupId\":\"shows\"`), strings.Contains(string(def), `\"shows-dash\":\"mediaPackageDash\"`),
		len(*t.FindResources(jsii.String("AWS::MediaPackage::PackagingGroup"), nil)), "groups created")
	// Output: true true 0 groups created
}

// An output bucket for renditions of one's own pipeline: private, encrypted, versioned, its
// access logs in a bucket beside it.
func ExampleNewOutputBucket() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Media"), nil)
	out := transcode.NewOutputBucket(stack, "Renditions", nil)
	fmt.Println(out.Node().Id() != nil)
	// Output: true
}
