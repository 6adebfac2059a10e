package packaging

import (
	"fmt"
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/validate"
)

// LiveDestination is where a live encoder sends CMAF ingest: a MediaPackage v2 channel, either
// made here (LiveGroup.AddChannel's *LiveChannel) or one that exists already (ExistingLiveChannel).
type LiveDestination interface {
	// ChannelArn is the MediaPackage v2 channel's ARN (the encoder's role writes to it).
	ChannelArn() *string
	// GroupName and ChannelName name the channel (its ingest policy names them).
	GroupName() *string
	ChannelName() *string
	// IngestEndpointURLs are the channel's two CMAF ingest URLs, one per encoder pipeline.
	IngestEndpointURLs() *[]*string
	// Windows are the channel's segment, manifest and startover lengths, which the encoder
	// (segments) and its scheduled breaks (windows) must match.
	Windows() LiveWindows
	// Dependables must exist before the encoder sends (the channel's endpoints); none for a
	// channel that exists already.
	Dependables() []constructs.IDependable
}

// LiveWindows are a live channel's lengths in seconds.
type LiveWindows struct {
	SegmentSeconds, ManifestWindowSeconds, StartoverWindowSeconds int
}

// ChannelName is the channel's name.
func (c *LiveChannel) ChannelName() *string { return jsii.String(c.Name) }

// IngestEndpointURLs are the channel's two CMAF ingest URLs.
func (c *LiveChannel) IngestEndpointURLs() *[]*string { return c.Channel.AttrIngestEndpointUrls() }

// Windows are the channel's segment, manifest and startover lengths.
func (c *LiveChannel) Windows() LiveWindows {
	return LiveWindows{SegmentSeconds: c.SegmentSeconds, ManifestWindowSeconds: c.ManifestWindowSeconds, StartoverWindowSeconds: c.StartoverWindowSeconds}
}

// Dependables are the channel's endpoints.
func (c *LiveChannel) Dependables() []constructs.IDependable {
	var out []constructs.IDependable
	for _, e := range c.Endpoints {
		out = append(out, e.Endpoint)
	}
	return out
}

// ExistingLiveChannel is a MediaPackage v2 channel made outside this app (another stack, the
// console), as a LiveDestination: an encoder sends to it as to one made here.
type ExistingLiveChannel struct {
	// ARN of the channel: arn:<partition>:mediapackagev2:<region>:<account>:channelGroup/<group>/channel/<name>.
	ARN string
	// IngestEndpointURLs are its two ingest endpoint URLs (the channel's IngestEndpoints).
	IngestEndpointURLs [2]string
	// LiveWindows are its endpoints' lengths: SegmentSeconds must be the encoder's.
	LiveWindows
}

var channelArnRe = regexp.MustCompile(`^arn:aws[a-z-]*:mediapackagev2:[a-z0-9-]+:\d{12}:channelGroup/([A-Za-z0-9_-]{1,64})/channel/([A-Za-z0-9_-]{1,64})$`)

// Destination checks the channel's description and returns it as a LiveDestination; its error
// is a *validate.Error.
func (e ExistingLiveChannel) Destination() (LiveDestination, error) {
	m := channelArnRe.FindStringSubmatch(e.ARN)
	if m == nil {
		return nil, validate.Invalid("packaging", "ARN", e.ARN, "is not a MediaPackage v2 channel ARN (arn:aws:mediapackagev2:<region>:<account>:channelGroup/<group>/channel/<name>)")
	}
	for i, u := range e.IngestEndpointURLs {
		if len(u) < len("https://x") || u[:8] != "https://" {
			return nil, validate.Invalid("packaging", fmt.Sprintf("IngestEndpointURLs[%d]", i), u, "is not the channel's https ingest endpoint URL")
		}
	}
	if err := validate.InRange("packaging", "SegmentSeconds", e.SegmentSeconds, 1, 30, "seconds", false); err != nil {
		return nil, err
	}
	return &existing{ExistingLiveChannel: e, group: m[1], name: m[2]}, nil
}

type existing struct {
	ExistingLiveChannel
	group, name string
}

func (x *existing) ChannelArn() *string  { return jsii.String(x.ARN) }
func (x *existing) GroupName() *string   { return jsii.String(x.group) }
func (x *existing) ChannelName() *string { return jsii.String(x.name) }
func (x *existing) IngestEndpointURLs() *[]*string {
	return jsii.Strings(x.ExistingLiveChannel.IngestEndpointURLs[:]...)
}
func (x *existing) Windows() LiveWindows                  { return x.LiveWindows }
func (x *existing) Dependables() []constructs.IDependable { return nil }
func (x *existing) String() string                        { return "MediaPackage v2 channel " + x.name }
