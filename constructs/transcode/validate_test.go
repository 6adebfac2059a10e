package transcode

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
)

// TestPrivateOutputs: private outputs (DRM) need MediaPackage to serve the titles and refuse
// formats that would sit in the bucket in the clear, unserved; a Clear Key license path needs
// them and is a path.
func TestPrivateOutputs(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("S"), nil)
	src := awss3.NewBucket(stack, jsii.String("Src"), nil)
	group, err := packaging.ExistingVodGroup{PackagingGroupID: "group", ConfigurationIDs: packaging.VodConfigurationIDs{CMAF: "cmaf"},
		IngestRole: awsiam.Role_FromRoleArn(stack, jsii.String("R"), jsii.String("arn:aws:iam::123456789012:role/ingest"), nil)}.Destination()
	if err != nil {
		t.Fatal(err)
	}
	hls := PipelineOptions{Encoding: jobspec.Spec{Formats: []jobspec.Format{jobspec.HLS, jobspec.Thumbnails}}}
	for _, c := range []struct {
		p    PipelineProps
		want string
	}{
		{PipelineProps{Source: src, PipelineOptions: hls, PrivateOutputs: true}, "PrivateOutputs true needs Packaging"},
		{PipelineProps{Source: src, PipelineOptions: PipelineOptions{Encoding: jobspec.Spec{Formats: []jobspec.Format{jobspec.HLS, jobspec.MP4}}}, PrivateOutputs: true, Packaging: group}, `Encoding.Formats "MP4" would be written in the clear`},
		{PipelineProps{Source: src, PipelineOptions: hls, ClearKeyLicensePath: "/streamcdk-license"}, "applies to encrypted assets"},
		{PipelineProps{Source: src, PipelineOptions: hls, PrivateOutputs: true, Packaging: group, ClearKeyLicensePath: "streamcdk-license"}, "use a path on the distribution"},
	} {
		if err := c.p.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.p, err, c.want)
		}
	}
	ok := PipelineProps{Source: src, PipelineOptions: hls, PrivateOutputs: true, Packaging: group, ClearKeyLicensePath: "/streamcdk-license"}
	if err := ok.Validate(); err != nil {
		t.Errorf("HLS and thumbnails, private, with MediaPackage: %v", err)
	}
}
