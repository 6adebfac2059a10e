package packaging_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/cdn"
	"github.com/streamcdk/streamcdk/constructs/packaging"
)

// A MediaPackage VOD packaging group that turns HLS renditions in a bucket into HLS, DASH and
// CMAF, answering only requests that carry the CDN identifier.
func ExampleNewVod() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Media"), nil)
	renditions := awss3.NewBucket(stack, jsii.String("Renditions"), nil)
	id := cdn.NewIdentifier(stack, "CdnIdentifier", nil)
	group := packaging.NewVod(stack, "Packaging", &packaging.VodProps{
		SourceBucket:        renditions,
		CDNIdentifierSecret: id.Secret,
	})

	configs := assertions.Template_FromStack(stack, nil).FindResources(jsii.String("AWS::MediaPackage::PackagingConfiguration"), nil)
	fmt.Println(len(*configs), "packaging configurations; CDN authorization:", group.SecretsRole != nil)
	// Output: 3 packaging configurations; CDN authorization: true
}

// A MediaPackage v2 channel group with one channel (HLS, CMAF HLS and DASH endpoints and, here,
// low-latency HLS), admitting only requests that carry the v2 CDN identifier.
func ExampleNewLiveGroup() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Live"), nil)
	id := cdn.NewIdentifier(stack, "CdnIdentifier", &cdn.IdentifierProps{Version: cdn.MediaPackageV2})
	group := packaging.NewLiveGroup(stack, "Packaging", &packaging.LiveGroupProps{CDNIdentifierSecret: id.Secret})
	ch := group.AddChannel("news", &packaging.LiveChannelProps{LiveChannelOptions: packaging.LiveChannelOptions{LowLatencyHLS: true}})
	for _, e := range ch.Endpoints {
		fmt.Print(e.Format, " ")
	}
	fmt.Println()
	// Output: HLS CMAF_HLS CMAF_DASH LL_HLS
}
