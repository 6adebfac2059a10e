package ads_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ads"
)

// Server-side ad insertion for a live channel served through a distribution: MediaTailor asks
// the ad server at each break, and its manifests point players back at the distribution.
func ExampleNewPlayback() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Live"), nil)
	ads.NewPlayback(stack, "Ads", &ads.PlaybackProps{
		PlaybackOptions: ads.PlaybackOptions{
			AdDecisionServerURL: "https://ads.example.com/vast?duration=[session.avail_duration_secs]&id=[session.id]",
			AvailSuppression:    ads.AvailSuppression{Mode: ads.SuppressionAfterLiveEdge, Seconds: 10, FillPolicy: ads.FillPartialAvail},
		},
		ContentSourceURL: jsii.String("https://d111.cloudfront.net/out/v1/group/news/"),
		CDNBaseURL:       jsii.String("https://d111.cloudfront.net"),
		Live:             true,
	})

	for _, r := range *assertions.Template_FromStack(stack, nil).FindResources(jsii.String("AWS::MediaTailor::PlaybackConfiguration"), nil) {
		p := (*r)["Properties"].(map[string]any)
		fmt.Println(p["DashConfiguration"].(map[string]any)["OriginManifestType"], p["AvailSuppression"].(map[string]any)["FillPolicy"])
	}
	// Output: MULTI_PERIOD PARTIAL_AVAIL
}
