package packaging

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	mpv2 "github.com/aws/aws-cdk-go/awscdk/v2/awsmediapackagev2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/encoding"
	"github.com/streamcdk/streamcdk/constructs/internal/nag"
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
	// AddIngestPolicy admits role (the encoder's) to send to the channel through the channel's
	// own policy, made in scope. A channel that exists already is not changed (its policy is its
	// owner's): nil is returned and a warning on scope says what its owner must allow.
	AddIngestPolicy(scope constructs.Construct, role awsiam.IRole) mpv2.CfnChannelPolicy
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

// AddIngestPolicy makes the channel's policy admitting role to send CMAF ingest (MediaPackage v2
// checks the channel's policy as well as the sender's).
func (c *LiveChannel) AddIngestPolicy(scope constructs.Construct, role awsiam.IRole) mpv2.CfnChannelPolicy {
	return mpv2.NewCfnChannelPolicy(scope, jsii.String("IngestPolicy"), &mpv2.CfnChannelPolicyProps{
		ChannelGroupName: c.GroupName(),
		ChannelName:      c.ChannelName(),
		Policy:           ingestPolicy(role, c.ChannelArn()),
	})
}

// ingestPolicy is a channel policy statement admitting role to send to the channel.
func ingestPolicy(role awsiam.IRole, channelArn *string) map[string]interface{} {
	return map[string]interface{}{"Version": "2012-10-17", "Statement": []interface{}{map[string]interface{}{
		"Sid": "AllowMediaLiveIngest", "Effect": "Allow", "Principal": map[string]interface{}{"AWS": role.RoleArn()},
		"Action": "mediapackagev2:PutObject", "Resource": channelArn,
	}}}
}

// ExistingLiveChannel is a MediaPackage v2 channel made outside this app (another stack, the
// console), as a LiveDestination: an encoder sends to it as to one made here. Its policy stays
// its owner's: it must admit the encoder's role (see LiveDestination.AddIngestPolicy).
type ExistingLiveChannel struct {
	// ChannelArn of the channel: arn:<partition>:mediapackagev2:<region>:<account>:channelGroup/<group>/channel/<name>.
	ChannelArn string
	// IngestEndpointURLs are its two ingest endpoint URLs (the channel's IngestEndpoints).
	IngestEndpointURLs [2]string
	// LiveWindows are its endpoints' lengths: SegmentSeconds (the encoder's) and
	// ManifestWindowSeconds are required (an encoder's scheduled breaks are checked against the
	// windows); StartoverWindowSeconds when its endpoints keep one.
	LiveWindows
}

var channelArnRe = regexp.MustCompile(`^arn:aws[a-z-]*:mediapackagev2:[a-z0-9-]+:\d{12}:channelGroup/([A-Za-z0-9_-]{1,64})/channel/([A-Za-z0-9_-]{1,64})$`)

// Destination checks the channel's description (values that are tokens, such as another stack's
// attributes, are taken as they are) and returns it as a LiveDestination; its error is a
// *validate.Error.
func (e ExistingLiveChannel) Destination() (LiveDestination, error) {
	x := &existing{e: e}
	if isToken(e.ChannelArn) {
		// arn:...:channelGroup/<group>/channel/<name>, split on "/".
		parts := awscdk.Fn_Split(jsii.String("/"), jsii.String(e.ChannelArn), nil)
		x.group, x.name = awscdk.Fn_Select(jsii.Number(1), parts), awscdk.Fn_Select(jsii.Number(3), parts)
	} else if m := channelArnRe.FindStringSubmatch(e.ChannelArn); m != nil {
		x.group, x.name = jsii.String(m[1]), jsii.String(m[2])
	} else {
		return nil, validate.Invalid("packaging", "ChannelArn", e.ChannelArn, "is not a MediaPackage v2 channel ARN (arn:aws:mediapackagev2:<region>:<account>:channelGroup/<group>/channel/<name>)")
	}
	for i, u := range e.IngestEndpointURLs {
		if !isToken(u) && !strings.HasPrefix(u, "https://") || u == "https://" {
			return nil, validate.Invalid("packaging", fmt.Sprintf("IngestEndpointURLs[%d]", i), u, "is not the channel's https ingest endpoint URL")
		}
	}
	if err := encoding.CheckSegment("packaging", e.SegmentSeconds, false); err != nil {
		return nil, err
	}
	// The windows are the channel's, as its owner set them (this app's limits for channels it
	// makes do not apply): an encoder's scheduled breaks are checked against them.
	if e.ManifestWindowSeconds <= 0 {
		return nil, validate.Invalid("packaging", "ManifestWindowSeconds", e.ManifestWindowSeconds, "is required: the channel's endpoints' manifest window, in seconds")
	}
	if e.StartoverWindowSeconds < 0 {
		return nil, validate.Invalid("packaging", "StartoverWindowSeconds", e.StartoverWindowSeconds, "is not allowed; use the channel's startover window in seconds, or 0 for none")
	}
	return x, nil
}

type existing struct {
	e           ExistingLiveChannel
	group, name *string
}

func (x *existing) ChannelArn() *string  { return jsii.String(x.e.ChannelArn) }
func (x *existing) GroupName() *string   { return x.group }
func (x *existing) ChannelName() *string { return x.name }
func (x *existing) IngestEndpointURLs() *[]*string {
	return jsii.Strings(x.e.IngestEndpointURLs[:]...)
}
func (x *existing) Windows() LiveWindows                  { return x.e.LiveWindows }
func (x *existing) Dependables() []constructs.IDependable { return nil }

// AddIngestPolicy changes nothing on a channel this app does not own; a warning on scope gives
// the statement its owner's policy needs.
func (x *existing) AddIngestPolicy(scope constructs.Construct, role awsiam.IRole) mpv2.CfnChannelPolicy {
	channel := "the MediaPackage v2 channel " + x.e.ChannelArn
	if isToken(x.e.ChannelArn) {
		channel = "the existing MediaPackage v2 channel (packaging.ExistingLiveChannel)"
	}
	nag.Warn(scope, "streamcdk:existing-channel-policy", channel+" is not this app's: its channel policy must allow "+
		"mediapackagev2:PutObject to the encoder's role ("+*role.Node().Path()+"), as a channel made here does (Sid AllowMediaLiveIngest)")
	return nil
}

// VodDestination is where a VoD pipeline registers its HLS outputs with MediaPackage VOD: a
// packaging group, the role MediaPackage reads the outputs with, and the group's packaging
// configurations (an asset's egress endpoints name them). *Vod is one; a group made elsewhere
// is another (ExistingVodGroup).
type VodDestination interface {
	// PackagingGroupID is the group's ID (CreateAsset's PackagingGroupId).
	PackagingGroupID() *string
	// IngestRoleArn is the role MediaPackage assumes to read the outputs (CreateAsset's
	// SourceRoleArn); the pipeline passes it.
	IngestRoleArn() *string
	// ConfigurationIDs are the IDs of the group's HLS, DASH and CMAF configurations.
	ConfigurationIDs() VodConfigurationIDs
}

// VodConfigurationIDs are a packaging group's configurations by kind; "" where the group has
// none of that kind.
type VodConfigurationIDs struct {
	HLS, DASH, CMAF string
}

// PackagingGroupID is the group's ID.
func (v *Vod) PackagingGroupID() *string { return v.PackagingGroup.Id() }

// IngestRoleArn is the role MediaPackage reads the outputs with.
func (v *Vod) IngestRoleArn() *string { return v.IngestRole.RoleArn() }

// ConfigurationIDs are the group's HLS, DASH and CMAF configurations.
func (v *Vod) ConfigurationIDs() VodConfigurationIDs {
	ids := VodConfigurationIDs{DASH: *v.DASH.Id(), CMAF: *v.CMAF.Id()}
	if v.HLS != nil {
		ids.HLS = *v.HLS.Id()
	}
	return ids
}

// ExistingVodGroup is a MediaPackage VOD packaging group made outside this app, as a
// VodDestination. Its ingest role must be able to read the output bucket (s3:GetObject,
// s3:GetBucketLocation, s3:GetBucketRequestPayment, s3:ListBucket) and trust
// mediapackage.amazonaws.com.
type ExistingVodGroup struct {
	// PackagingGroupID is the group's ID. Required.
	PackagingGroupID string
	// IngestRole is the role MediaPackage reads the outputs with (e.g. awsiam.Role_FromRoleArn).
	// Required.
	IngestRole awsiam.IRole
	// ConfigurationIDs are the group's configurations; at least one.
	ConfigurationIDs VodConfigurationIDs
}

// vodIDRe is MediaPackage VOD's ID pattern (packaging groups and configurations).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-mediapackage-packaginggroup.html
var vodIDRe = regexp.MustCompile(`^[0-9a-zA-Z_-]{1,256}$`)

// Destination checks the group's description (values that are tokens, such as another stack's
// attributes, are taken as they are) and returns it as a VodDestination; its error is a
// *validate.Error.
func (e ExistingVodGroup) Destination() (VodDestination, error) {
	if !isToken(e.PackagingGroupID) && !vodIDRe.MatchString(e.PackagingGroupID) {
		return nil, validate.Invalid("packaging", "PackagingGroupID", e.PackagingGroupID, "is not a MediaPackage VOD ID (1 to 256 letters, digits, - and _)")
	}
	if e.IngestRole == nil {
		return nil, validate.Invalid("packaging", "IngestRole", validate.NoValue, "is required (the role MediaPackage reads the outputs with)")
	}
	ids := e.ConfigurationIDs
	if ids.HLS == "" && ids.DASH == "" && ids.CMAF == "" {
		return nil, validate.Invalid("packaging", "ConfigurationIDs", validate.NoValue, "is required (at least one of HLS, DASH and CMAF)")
	}
	for field, id := range map[string]string{"ConfigurationIDs.HLS": ids.HLS, "ConfigurationIDs.DASH": ids.DASH, "ConfigurationIDs.CMAF": ids.CMAF} {
		if id != "" && !isToken(id) && !vodIDRe.MatchString(id) {
			return nil, validate.Invalid("packaging", field, id, "is not a MediaPackage VOD ID (1 to 256 letters, digits, - and _)")
		}
	}
	return existingVod{e}, nil
}

type existingVod struct{ ExistingVodGroup }

func (x existingVod) PackagingGroupID() *string {
	return jsii.String(x.ExistingVodGroup.PackagingGroupID)
}
func (x existingVod) IngestRoleArn() *string { return x.IngestRole.RoleArn() }
func (x existingVod) ConfigurationIDs() VodConfigurationIDs {
	return x.ExistingVodGroup.ConfigurationIDs
}

// isToken reports whether s is a CDK token (an attribute of a resource, a parameter, ...),
// whose value is known only at deployment.
func isToken(s string) bool { return *awscdk.Token_IsUnresolved(jsii.String(s)) }
