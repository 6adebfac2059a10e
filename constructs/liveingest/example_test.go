package liveingest_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/cdn"
	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/ops"
	"github.com/streamcdk/streamcdk/constructs/packaging"
)

// A STANDARD MediaLive channel pulling two HLS feeds into a MediaPackage v2 channel that
// switches between its pipelines by media quality (MQCS), behind a distribution that sends the
// v2 CDN identifier MediaPackage checks.
func ExampleNewChannel() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Live"), nil)
	id := cdn.NewIdentifier(stack, "CdnIdentifier", &cdn.IdentifierProps{Version: cdn.MediaPackageV2})
	group := packaging.NewLiveGroup(stack, "Packaging", &packaging.LiveGroupProps{CDNIdentifierSecret: id.Secret})
	channel := liveingest.NewChannel(stack, "News", &liveingest.ChannelProps{
		Name: "news",
		ChannelOptions: liveingest.ChannelOptions{
			Sources: []string{"https://origin-a.example.com/news/index.m3u8", "https://origin-b.example.com/news/index.m3u8"},
		},
		Destination: group.AddChannel("news", &packaging.LiveChannelProps{MQCS: true}),
	})
	cdn.NewLiveDistribution(stack, "Cdn", &cdn.LiveDistributionProps{
		MediaPackage: &cdn.MediaPackageOrigin{DomainName: group.EgressDomain(), Identifier: id},
	})

	t := assertions.Template_FromStack(stack, nil)
	fmt.Println(channel.Name(), len(*t.FindResources(jsii.String("AWS::MediaPackageV2::OriginEndpoint"), nil)), "endpoints")
	// Output: news 3 endpoints
}

// A daily notice, on an alarm topic, of the MediaLive channels running in the Region.
func ExampleNewCostGuard() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Live"), nil)
	id := cdn.NewIdentifier(stack, "CdnIdentifier", &cdn.IdentifierProps{Version: cdn.MediaPackageV2})
	group := packaging.NewLiveGroup(stack, "Packaging", &packaging.LiveGroupProps{CDNIdentifierSecret: id.Secret})
	channel := liveingest.NewChannel(stack, "News", &liveingest.ChannelProps{Name: "news", Destination: group.AddChannel("news", nil)})
	topic := ops.NewTopic(stack, "Alarms", &ops.TopicProps{DisplayName: "Live alarms"})
	liveingest.NewCostGuard(stack, "CostGuard", &liveingest.CostGuardProps{Channels: []*liveingest.Channel{channel}, Topic: topic, HourUTC: 7})

	t := assertions.Template_FromStack(stack, nil)
	fmt.Println(len(*t.FindResources(jsii.String("AWS::StepFunctions::StateMachine"), nil)), "state machines")
	// Output: 2 state machines
}

// A MediaLive channel sending to a MediaPackage v2 channel that already exists (made by another
// stack or in the console): its ARN, ingest endpoints, segment length and manifest window
// describe it.
func ExampleNewChannel_existingDestination() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Encoder"), nil)
	dest, err := packaging.ExistingLiveChannel{
		ChannelArn: "arn:aws:mediapackagev2:us-east-1:123456789012:channelGroup/broadcast/channel/news",
		IngestEndpointURLs: [2]string{
			"https://abcde1-1.ingest.abcdef.mediapackagev2.us-east-1.amazonaws.com/in/v1/broadcast/1/news/index",
			"https://abcde1-2.ingest.abcdef.mediapackagev2.us-east-1.amazonaws.com/in/v1/broadcast/2/news/index",
		},
		LiveWindows: packaging.LiveWindows{SegmentSeconds: 6, ManifestWindowSeconds: 60},
	}.Destination()
	if err != nil {
		panic(err)
	}
	liveingest.NewChannel(stack, "News", &liveingest.ChannelProps{Name: "news", Destination: dest})

	// The channel is not this app's: nothing of it is made or changed (its policy stays its
	// owner's, and a warning says what that policy must allow).
	t := assertions.Template_FromStack(stack, nil)
	warnings := assertions.Annotations_FromStack(stack).FindWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("channel policy must allow mediapackagev2:PutObject")))
	fmt.Println(len(*t.FindResources(jsii.String("AWS::MediaPackageV2::Channel"), nil)), "channels,",
		len(*t.FindResources(jsii.String("AWS::MediaPackageV2::ChannelPolicy"), nil)), "channel policies,", len(*warnings), "warning")
	// Output: 0 channels, 0 channel policies, 1 warning
}

// An alarm of one's own on a channel's metric: pipeline 0 dropping frames.
func ExampleChannel_MetricDroppedFrames() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Live"), nil)
	id := cdn.NewIdentifier(stack, "CdnIdentifier", &cdn.IdentifierProps{Version: cdn.MediaPackageV2})
	group := packaging.NewLiveGroup(stack, "Packaging", &packaging.LiveGroupProps{CDNIdentifierSecret: id.Secret})
	channel := liveingest.NewChannel(stack, "News", &liveingest.ChannelProps{Name: "news", Destination: group.AddChannel("news", nil)})
	awscloudwatch.NewAlarm(stack, jsii.String("Drops"), &awscloudwatch.AlarmProps{
		Metric: channel.MetricDroppedFrames(0, nil), Threshold: jsii.Number(100), EvaluationPeriods: jsii.Number(3),
	})

	t := assertions.Template_FromStack(stack, nil)
	for _, r := range *t.FindResources(jsii.String("AWS::CloudWatch::Alarm"), nil) {
		// A labelled metric appears in the alarm's Metrics list.
		stat := (*r)["Properties"].(map[string]any)["Metrics"].([]any)[0].(map[string]any)["MetricStat"].(map[string]any)
		m := stat["Metric"].(map[string]any)
		fmt.Println(m["Namespace"], m["MetricName"], stat["Stat"], len(m["Dimensions"].([]any)), "dimensions;", channel.Pipelines(), "pipelines")
	}
	// Output: AWS/MediaLive DroppedFrames Sum 2 dimensions; 2 pipelines
}
