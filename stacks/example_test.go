package stacks_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"

	"github.com/streamcdk/streamcdk/constructs/transcode"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
	"github.com/streamcdk/streamcdk/stacks"
)

// The VoD stack in another app: CMAF renditions played directly, and HLS (TS) renditions that
// MediaPackage packages into HLS, DASH and CMAF as well.
func ExampleNewVodStack() {
	app := awscdk.NewApp(nil)
	vod := stacks.NewVodStack(app, "Vod", &stacks.VodStackProps{
		Pipeline: transcode.PipelineProps{
			Encoding: jobspec.Spec{Formats: []jobspec.Format{jobspec.CMAF, jobspec.HLS}},
		},
		MediaPackage: true,
	})
	fmt.Println(*vod.Stack.StackName(), vod.Pipeline.Spec.Formats, vod.Packaging != nil)
	// Output: Vod [CMAF HLS] true
}
