package stacks_test

import (
	"errors"
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/transcode"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
	"github.com/streamcdk/streamcdk/constructs/validate"
	"github.com/streamcdk/streamcdk/stacks"
)

// The VoD stack in another app: CMAF renditions played directly, and HLS (TS) renditions that
// MediaPackage packages into HLS, DASH and CMAF as well.
func ExampleNewVodStack() {
	app := awscdk.NewApp(nil)
	vod := stacks.NewVodStack(app, "Vod", &stacks.VodStackProps{
		Pipeline: transcode.PipelineOptions{
			Encoding: jobspec.Spec{Formats: []jobspec.Format{jobspec.CMAF, jobspec.HLS}},
		},
		MediaPackage: true,
	})
	fmt.Println(*vod.Stack.StackName(), vod.Pipeline.Spec.Formats, vod.Packaging != nil)
	// Output: Vod [CMAF HLS] true
}

// The live stack in another app: two channels, a push input for the studio and the default
// pulled test feeds, behind one distribution.
func ExampleNewLiveStack() {
	app := awscdk.NewApp(nil)
	live := stacks.NewLiveStack(app, "Live", &stacks.LiveStackProps{Channels: []stacks.LiveChannelConfig{
		{Name: "main"},
		{Name: "studio", Ingest: liveingest.ChannelOptions{InputType: liveingest.RTMPPush, InputCIDRs: []string{"198.51.100.0/24"}}},
	}})
	fmt.Println(*live.Stack.StackName(), len(live.Channels), "channels")
	// Output: Live 2 channels
}

// Live across two Regions in another app: the distribution fails over to the same channels in
// a second stack, LiveSecondary, in us-west-2.
func ExampleLiveStackProps_secondaryRegion() {
	app := awscdk.NewApp(nil)
	live := stacks.NewLiveStack(app, "Live", &stacks.LiveStackProps{
		StackProps:      awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String("us-east-1")}},
		SecondaryRegion: "us-west-2",
		Channels: []stacks.LiveChannelConfig{
			{Ingest: liveingest.ChannelOptions{InputType: liveingest.RTMPPush, InputCIDRs: []string{"198.51.100.0/24"}}},
		},
	})
	fmt.Println(*live.Stack.Region(), "fails over to", *live.Failover.Stack.StackName(), "in", *live.Failover.Stack.Region())
	// Output: us-east-1 fails over to LiveSecondary in us-west-2
}

// Checking settings before building anything: Validate returns the error NewVodStack would
// panic with, a *validate.Error whose Field names the setting.
func ExampleVodStackProps_Validate() {
	props := stacks.VodStackProps{Pipeline: transcode.PipelineOptions{Priority: 99}}
	var bad *validate.Error
	if err := props.Validate(); errors.As(err, &bad) {
		fmt.Println(bad.Prefix+bad.Field, bad.Value)
		fmt.Println(err)
	}
	// Output:
	// Pipeline.Priority 99
	// stacks: Pipeline.Priority 99 is not allowed; use -50 to 50
}
