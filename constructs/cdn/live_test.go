package cdn_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/cdn"
)

// TestLiveDistributionRefusesV1Identifier: MediaPackage v2 checks X-MediaPackageV2-CDNIdentifier;
// a v1 identifier on a live distribution is refused before anything is created, not synthesized
// into 403s.
func TestLiveDistributionRefusesV1Identifier(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("S"), nil)
	id := cdn.NewIdentifier(stack, "Id", nil) // v1, the default
	var msg string
	func() {
		defer func() { msg = fmt.Sprint(recover()) }()
		cdn.NewLiveDistribution(stack, "Cdn", &cdn.LiveDistributionProps{MediaPackage: &cdn.MediaPackageOrigin{DomainName: jsii.String("example.com"), Identifier: id}})
	}()
	if !strings.Contains(msg, "MediaPackage.Identifier") || !strings.Contains(msg, "X-MediaPackageV2-CDNIdentifier") {
		t.Errorf("got %q, want the v1 identifier refused", msg)
	}
}

// TestVodDistributionRefusesV2Identifier: the mirror case: MediaPackage VOD checks the v1 header.
func TestVodDistributionRefusesV2Identifier(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("S"), nil)
	id := cdn.NewIdentifier(stack, "Id", &cdn.IdentifierProps{Version: cdn.MediaPackageV2})
	var msg string
	func() {
		defer func() { msg = fmt.Sprint(recover()) }()
		cdn.NewVodDistribution(stack, "Cdn", &cdn.VodDistributionProps{
			OutputBucket: awss3.NewBucket(stack, jsii.String("Out"), nil),
			MediaPackage: &cdn.MediaPackageOrigin{DomainName: jsii.String("example.com"), Identifier: id},
		})
	}()
	if !strings.Contains(msg, "MediaPackage.Identifier") || !strings.Contains(msg, "X-MediaPackage-CDNIdentifier") {
		t.Errorf("got %q, want the v2 identifier refused", msg)
	}
}
