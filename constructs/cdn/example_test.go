package cdn_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/cdn"
)

// A distribution that serves renditions from a private bucket (Origin Access Control) to
// viewers in three countries, with Origin Shield in front of the bucket.
func ExampleNewVodDistribution() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Media"), nil)
	renditions := awss3.NewBucket(stack, jsii.String("Renditions"), nil)
	d := cdn.NewVodDistribution(stack, "Cdn", &cdn.VodDistributionProps{
		OutputBucket: renditions,
		Options:      cdn.Options{GeoAllowList: []string{"US", "CA", "GB"}, OriginShieldRegion: "us-east-1"},
	})
	_ = d.BaseURL() // https://<domain>, the base of every playback URL

	fmt.Println(d.Distribution != nil, d.LogsBucket != nil)
	// Output: true true
}

// The CDN identifier for MediaPackage v2: a generated secret, and the header CloudFront sends.
func ExampleNewIdentifier() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Media"), nil)
	id := cdn.NewIdentifier(stack, "CdnIdentifier", &cdn.IdentifierProps{Version: cdn.MediaPackageV2})
	fmt.Println(id.HeaderName, id.Key)
	// Output: X-MediaPackageV2-CDNIdentifier MediaPackageV2CDNIdentifier
}

// A distribution in front of a MediaPackage v2 channel group, sending the v2 CDN identifier the
// endpoints check.
func ExampleNewLiveDistribution() {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Live"), nil)
	id := cdn.NewIdentifier(stack, "CdnIdentifier", &cdn.IdentifierProps{Version: cdn.MediaPackageV2})
	d := cdn.NewLiveDistribution(stack, "Cdn", &cdn.LiveDistributionProps{
		MediaPackage: &cdn.MediaPackageOrigin{DomainName: jsii.String("abc123.egress.mediapackagev2.us-east-1.amazonaws.com"), Identifier: id},
	})
	fmt.Println(d.CachePolicy != nil, cdn.MediaPackageV2QueryStrings(false))
	// Output: true [aws.manifestfilter aws.manifestsettings _HLS_msn _HLS_part]
}
