package liveingest_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
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
	group := packaging.NewLiveGroup(stack, "Packaging", &packaging.LiveGroupProps{CdnIdentifierSecret: id.Secret})
	channel := liveingest.NewChannel(stack, "News", &liveingest.ChannelProps{
		Name:        "news",
		Sources:     []string{"https://origin-a.example.com/news/index.m3u8", "https://origin-b.example.com/news/index.m3u8"},
		Destination: group.AddChannel("news", &packaging.LiveChannelProps{Mqcs: true}),
	})
	cdn.NewLiveDistribution(stack, "Cdn", &cdn.LiveDistributionProps{
		MediaPackage: &cdn.MediaPackageOrigin{DomainName: group.EgressDomain(), Identifier: id},
	})

	t := assertions.Template_FromStack(stack, nil)
	fmt.Println(channel.Props().Name, len(*t.FindResources(jsii.String("AWS::MediaPackageV2::OriginEndpoint"), nil)), "endpoints")
	// Output: news 3 endpoints
}

// A daily notice, on an alarm topic, of the MediaLive channels running in the Region.
func ExampleNewCostGuard() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Live"), nil)
	id := cdn.NewIdentifier(stack, "CdnIdentifier", &cdn.IdentifierProps{Version: cdn.MediaPackageV2})
	group := packaging.NewLiveGroup(stack, "Packaging", &packaging.LiveGroupProps{CdnIdentifierSecret: id.Secret})
	channel := liveingest.NewChannel(stack, "News", &liveingest.ChannelProps{Name: "news", Destination: group.AddChannel("news", nil)})
	topic := ops.NewTopic(stack, "Alarms", &ops.TopicProps{DisplayName: "Live alarms"})
	liveingest.NewCostGuard(stack, "CostGuard", &liveingest.CostGuardProps{Channels: []*liveingest.Channel{channel}, Topic: topic, HourUTC: 7})

	t := assertions.Template_FromStack(stack, nil)
	fmt.Println(len(*t.FindResources(jsii.String("AWS::StepFunctions::StateMachine"), nil)), "state machines")
	// Output: 2 state machines
}
