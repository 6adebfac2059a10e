package packaging

import (
	"strings"
	"testing"
)

// TestExistingLiveChannel: an existing channel is described by its ARN, ingest URLs and segment
// length; a wrong description is refused naming the field.
func TestExistingLiveChannel(t *testing.T) {
	ok := ExistingLiveChannel{
		ARN:                "arn:aws:mediapackagev2:eu-west-1:123456789012:channelGroup/g-1/channel/news_2",
		IngestEndpointURLs: [2]string{"https://a.example.com/in/1", "https://b.example.com/in/2"},
		LiveWindows:        LiveWindows{SegmentSeconds: 4, ManifestWindowSeconds: 60},
	}
	d, err := ok.Destination()
	if err != nil {
		t.Fatal(err)
	}
	if *d.GroupName() != "g-1" || *d.ChannelName() != "news_2" || *d.ChannelArn() != ok.ARN || len(*d.IngestEndpointURLs()) != 2 || d.Windows().SegmentSeconds != 4 || d.Dependables() != nil {
		t.Errorf("destination %v: group %s, channel %s", d, *d.GroupName(), *d.ChannelName())
	}
	for _, c := range []struct {
		change func(*ExistingLiveChannel)
		want   string
	}{
		{func(e *ExistingLiveChannel) { e.ARN = "arn:aws:mediapackage:eu-west-1:123456789012:channels/news" }, "packaging: ARN"},
		{func(e *ExistingLiveChannel) { e.IngestEndpointURLs[1] = "http://b.example.com/in/2" }, "packaging: IngestEndpointURLs[1]"},
		{func(e *ExistingLiveChannel) { e.SegmentSeconds = 0 }, "packaging: SegmentSeconds 0"},
	} {
		e := ok
		c.change(&e)
		if _, err := e.Destination(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}
