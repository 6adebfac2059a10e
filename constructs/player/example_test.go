package player_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/cdn"
	"github.com/streamcdk/streamcdk/constructs/player"
)

// The player page beside a distribution's streams: its bucket is the distribution's
// Served.PlayerBucket (served at /player/ with the page's Content-Security-Policy), and Deploy copies
// the page in and invalidates /player/* on each deploy.
func ExampleNewSite() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Vod"), nil)
	site := player.NewSite(stack, "Player", nil)
	d := cdn.NewVodDistribution(stack, "Cdn", &cdn.VodDistributionProps{
		OutputBucket: awss3.NewBucket(stack, jsii.String("Renditions"), nil),
		Served:       cdn.Served{PlayerBucket: site.Bucket},
	})
	site.Deploy(d.Distribution)
	fmt.Println(site.Deployment != nil, player.Prefix)
	// Output: true player/
}
