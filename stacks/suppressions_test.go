package stacks_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/streamcdk/streamcdk/stacks"
)

// TestPinnedRegionNag: in a stack pinned to a Region, ARNs render with that Region and the
// partition written out; every suppression still names its finding as cdk-nag prints it.
func TestPinnedRegionNag(t *testing.T) {
	app := awscdk.NewApp(nil)
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(nil), nil)
	vod := stacks.NewVodStack(app, "Vod", &stacks.VodStackProps{StackProps: awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String("eu-west-1")}}, MediaPackage: true})
	app.Synth(nil)
	for _, m := range *assertions.Annotations_FromStack(vod.Stack).FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))) {
		t.Errorf("cdk-nag error at %s: %v", *m.Id, m.Entry.Data)
	}
}
