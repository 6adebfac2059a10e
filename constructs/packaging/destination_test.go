package packaging

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
)

// TestExistingLiveChannel: an existing channel is described by its ARN, ingest URLs and segment
// length; a wrong description is refused naming the field.
func TestExistingLiveChannel(t *testing.T) {
	ok := ExistingLiveChannel{
		ChannelArn:         "arn:aws:mediapackagev2:eu-west-1:123456789012:channelGroup/g-1/channel/news_2",
		IngestEndpointURLs: [2]string{"https://a.example.com/in/1", "https://b.example.com/in/2"},
		LiveWindows:        LiveWindows{SegmentSeconds: 4, ManifestWindowSeconds: 60},
	}
	d, err := ok.Destination()
	if err != nil {
		t.Fatal(err)
	}
	if *d.GroupName() != "g-1" || *d.ChannelName() != "news_2" || *d.ChannelArn() != ok.ChannelArn || len(*d.IngestEndpointURLs()) != 2 || d.Windows().SegmentSeconds != 4 || d.Dependables() != nil {
		t.Errorf("destination %v: group %s, channel %s", d, *d.GroupName(), *d.ChannelName())
	}
	for _, c := range []struct {
		change func(*ExistingLiveChannel)
		want   string
	}{
		{func(e *ExistingLiveChannel) {
			e.ChannelArn = "arn:aws:mediapackage:eu-west-1:123456789012:channels/news"
		}, "packaging: ChannelArn"},
		{func(e *ExistingLiveChannel) { e.IngestEndpointURLs[1] = "http://b.example.com/in/2" }, "packaging: IngestEndpointURLs[1]"},
		{func(e *ExistingLiveChannel) { e.SegmentSeconds = 0 }, "packaging: SegmentSeconds 0"},
		{func(e *ExistingLiveChannel) { e.ManifestWindowSeconds = 0 }, "packaging: ManifestWindowSeconds 0 is required"},
	} {
		e := ok
		c.change(&e)
		if _, err := e.Destination(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

// TestExistingLiveChannelFromTokens: a channel of another stack, described by its attributes
// (tokens), is taken as it is; its group and name come from the ARN at deployment.
func TestExistingLiveChannelFromTokens(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("S"), nil)
	arn := awscdk.NewCfnParameter(stack, jsii.String("ChannelArn"), nil).ValueAsString()
	url := awscdk.NewCfnParameter(stack, jsii.String("Url"), nil).ValueAsString()
	d, err := ExistingLiveChannel{ChannelArn: *arn, IngestEndpointURLs: [2]string{*url, *url}, LiveWindows: LiveWindows{SegmentSeconds: 6, ManifestWindowSeconds: 60}}.Destination()
	if err != nil {
		t.Fatal(err)
	}
	group, _ := json.Marshal(stack.Resolve(d.GroupName()))
	if want := `{"Fn::Select":[1,{"Fn::Split":["/",{"Ref":"ChannelArn"}]}]}`; string(group) != want {
		t.Errorf("group %s, want %s", group, want)
	}
}

// TestExistingVodGroup: a packaging group made elsewhere is described by its ID, ingest role
// and configurations; a wrong description is refused naming the field.
func TestExistingVodGroup(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("S"), nil)
	role := awsiam.Role_FromRoleArn(stack, jsii.String("Ingest"), jsii.String("arn:aws:iam::123456789012:role/mediapackage-ingest"), nil)
	ok := ExistingVodGroup{PackagingGroupID: "shows", IngestRole: role,
		ConfigurationIDs: VodConfigurationIDs{HLS: "shows-hls", CMAF: "shows-cmaf"}}
	d, err := ok.Destination()
	if err != nil {
		t.Fatal(err)
	}
	if *d.PackagingGroupID() != "shows" || *d.IngestRoleArn() != *role.RoleArn() || d.ConfigurationIDs().DASH != "" {
		t.Errorf("destination %+v", d)
	}
	for _, c := range []struct {
		change func(*ExistingVodGroup)
		want   string
	}{
		{func(e *ExistingVodGroup) { e.PackagingGroupID = "my group" }, `packaging: PackagingGroupID "my group"`},
		{func(e *ExistingVodGroup) { e.IngestRole = nil }, "packaging: IngestRole is required"},
		{func(e *ExistingVodGroup) { e.ConfigurationIDs = VodConfigurationIDs{} }, "packaging: ConfigurationIDs is required"},
		{func(e *ExistingVodGroup) { e.ConfigurationIDs.DASH = "a/b" }, "packaging: ConfigurationIDs.DASH"},
	} {
		e := ok
		c.change(&e)
		if _, err := e.Destination(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}
