package packaging

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	mpv2 "github.com/aws/aws-cdk-go/awscdk/v2/awsmediapackagev2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	mp2types "github.com/aws/aws-sdk-go-v2/service/mediapackagev2/types"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/encoding"
	hlsrules "github.com/streamcdk/streamcdk/constructs/internal/hls"
	"github.com/streamcdk/streamcdk/constructs/internal/nag"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// OriginAuth is how the endpoints know a request comes from the CDN.
type OriginAuth string

const (
	// AuthCDNIdentifier admits requests that carry the CDN identifier header. The default.
	AuthCDNIdentifier OriginAuth = "CDN_IDENTIFIER"
	// AuthOAC admits requests that CloudFront signs (Origin Access Control, SigV4) for the
	// distributions given to AllowDistribution.
	AuthOAC OriginAuth = "OAC"
	// AuthBoth admits only signed requests from those distributions that also carry the identifier.
	AuthBoth OriginAuth = "BOTH"
)

// OriginAuths lists the allowed values.
var OriginAuths = []OriginAuth{AuthCDNIdentifier, AuthOAC, AuthBoth}

// LiveGroupProps configures NewLiveGroup.
type LiveGroupProps struct {
	// CDNIdentifierSecret holds the CDN identifier (key MediaPackageV2CDNIdentifier, see
	// cdn.NewIdentifier with cdn.MediaPackageV2); a role MediaPackage assumes may read only this
	// secret. Required unless Auth is AuthOAC.
	CDNIdentifierSecret awssecretsmanager.ISecret
	// Auth is how the endpoints admit the CDN. With AuthOAC or AuthBoth, call AllowDistribution.
	// Default: AuthCDNIdentifier.
	Auth OriginAuth
	// Name names the channel group, part of every playback path (/out/v1/<group>/...): the two
	// groups of a cross-Region failover pair share one, so that the same path plays from either
	// Region ("strictly identical configuration settings, such as URL path",
	// https://docs.aws.amazon.com/mediapackage/latest/userguide/cross-region-failover.html).
	// Default: a name unique in the app.
	Name string
}

// LiveGroup is a MediaPackage v2 channel group: the live channels' shared egress domain.
type LiveGroup struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// ChannelGroup is the channel group.
	ChannelGroup mpv2.CfnChannelGroup
	// SecretsRole is the role MediaPackage assumes to read the CDN identifier.
	SecretsRole awsiam.Role
	// Channels are the channels added with AddChannel.
	Channels []*LiveChannel

	secret        awssecretsmanager.ISecret
	auth          OriginAuth
	distributions []*string
}

// auth is the origin authorization, default filled in.
func (p *LiveGroupProps) auth() OriginAuth {
	if p.Auth == "" {
		return AuthCDNIdentifier
	}
	return p.Auth
}

// Validate returns the *validate.Error NewLiveGroup would panic with for these props, without
// creating anything.
func (p *LiveGroupProps) Validate() error {
	auth := p.auth()
	if err := validate.OneOf("packaging", "Auth", auth, OriginAuths); err != nil {
		return err
	}
	if auth != AuthOAC && p.CDNIdentifierSecret == nil {
		return validate.Invalid("packaging", "CDNIdentifierSecret", validate.NoValue, "is required with {Auth} %s (the CDN identifier CloudFront sends)", auth)
	}
	return nil
}

// NewLiveGroup defines a MediaPackage v2 channel group with CDN authorization.
func NewLiveGroup(scope constructs.Construct, id string, props *LiveGroupProps) *LiveGroup {
	if props == nil {
		props = &LiveGroupProps{}
	}
	if err := props.Validate(); err != nil {
		panic(err)
	}
	auth := props.auth()
	c := constructs.NewConstruct(scope, &id)
	g := &LiveGroup{Construct: c, secret: props.CDNIdentifierSecret, auth: auth}
	name := jsii.String(props.Name)
	if props.Name == "" {
		name = awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(64), Separator: jsii.String("-")})
	}
	g.ChannelGroup = mpv2.NewCfnChannelGroup(c, jsii.String("Resource"), &mpv2.CfnChannelGroupProps{
		ChannelGroupName: name,
		Description:      jsii.String("StreamCDK live channels"),
	})
	if auth != AuthCDNIdentifier {
		c.Node().AddValidation(&oacCheck{g})
	}
	if g.secret == nil {
		return g
	}
	g.SecretsRole = awsiam.NewRole(c, jsii.String("SecretsRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("mediapackagev2.amazonaws.com"), nil),
		Description: jsii.String("MediaPackage v2 reads the CDN identifier secret"),
	})
	// What MediaPackage v2 documents for CDN authorization: read the secret (GetSecretValue,
	// DescribeSecret on it; BatchGetSecretValue, which supports no resource type).
	props.CDNIdentifierSecret.GrantRead(g.SecretsRole, nil)
	g.SecretsRole.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("secretsmanager:BatchGetSecretValue"),
		Resources: jsii.Strings("*"),
	}))
	nag.Suppress(g.SecretsRole, true, nag.Rule{ID: "AwsSolutions-IAM5", AppliesTo: []string{"Resource::*"},
		Reason: "secretsmanager:BatchGetSecretValue supports no resource type (it still needs GetSecretValue on each secret, granted on the CDN identifier only); MediaPackage v2's CDN authorization documents it."})
	return g
}

// oacCheck reports, at synth, endpoints left with no distribution to admit.
type oacCheck struct{ g *LiveGroup }

// Validate implements constructs.IValidation.
func (o *oacCheck) Validate() *[]*string {
	if len(o.g.distributions) == 0 {
		return jsii.Strings("packaging: Auth " + string(o.g.auth) + " needs AllowDistribution: no CloudFront distribution may read the endpoints")
	}
	return &[]*string{}
}

// Auth is how the group's endpoints admit the CDN.
func (g *LiveGroup) Auth() OriginAuth { return g.auth }

// AllowDistribution lets a distribution's Origin Access Control (SigV4) read every endpoint of
// the group (with AuthOAC or AuthBoth; with AuthBoth its requests must carry the identifier too).
func (g *LiveGroup) AllowDistribution(distributionArn *string) {
	g.distributions = append(g.distributions, distributionArn)
	for _, ch := range g.Channels {
		for _, e := range ch.Endpoints {
			e.Document.AddStatements(g.oacStatement(e.Endpoint.AttrArn(), distributionArn))
		}
	}
}

var readActions = []string{"mediapackagev2:GetObject", "mediapackagev2:GetHeadObject"}

const cdnAuthKey = "mediapackagev2:RequestHasMatchingCdnAuthHeader"

func (g *LiveGroup) oacStatement(endpoint, distribution *string) awsiam.PolicyStatement {
	cond := map[string]interface{}{"StringEquals": map[string]interface{}{"aws:SourceArn": distribution}}
	if g.auth == AuthBoth {
		cond["Bool"] = map[string]interface{}{cdnAuthKey: "true"}
	}
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AllowCloudFrontOriginAccessControl"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("cloudfront.amazonaws.com"), nil)},
		Actions:    jsii.Strings(readActions...),
		Resources:  &[]*string{endpoint},
		Conditions: &cond,
	})
}

// EgressDomain is the channel group's egress host name, the CloudFront origin.
func (g *LiveGroup) EgressDomain() *string { return g.ChannelGroup.AttrEgressDomain() }

// Name is the channel group's name.
func (g *LiveGroup) Name() *string { return g.ChannelGroup.ChannelGroupName() }

// LiveChannelOptions are the channel's packaging settings a user chooses (the live stack takes
// them as they are). The zero value is every default.
type LiveChannelOptions struct {
	// ManifestWindowSeconds is how much of the stream a live manifest lists. Default: 60.
	ManifestWindowSeconds int
	// StartoverWindowSeconds keeps this much of the stream for start-over and time-shift
	// viewing (?start=/?end= query strings), 60 to 1209600. Default: 0 (off; storage is billed).
	StartoverWindowSeconds int
	// LowLatencyHLS adds a low-latency HLS endpoint (CMAF, partial segments). Default: false.
	LowLatencyHLS bool
	// ForceEndpointErrors makes the endpoints answer with errors on stale or incomplete
	// manifests, a missing DRM key or slate input, so that a CDN origin group fails over to
	// another origin. Only with such a failover origin: without one, viewers get the errors.
	// MediaPackage v2's ForceEndpointErrorConfiguration is "the failover settings for the
	// endpoint" (https://docs.aws.amazon.com/mediapackage/latest/APIReference/API_ForceEndpointErrorConfiguration.html).
	// Default: false.
	ForceEndpointErrors bool
	// DRM encrypts the endpoints through a SPEKE v2 key provider (with
	// LiveChannelProps.KeyProviderRole). Default: no encryption.
	DRM DRMOptions
}

// LiveChannelProps configures LiveGroup.AddChannel: the options and what the channel carries,
// which follows its encoder. The zero value is every default.
type LiveChannelProps struct {
	LiveChannelOptions
	// Name of the channel (letters, digits, - and _), unique in the group; it appears in the
	// playback paths. Default: the construct id.
	Name string
	// SegmentSeconds is the output segment duration: the encoder's. Default: 6 (Apple's
	// recommendation).
	SegmentSeconds int
	// HEVC says the channel's video is HEVC (H.265): it gets no HLS (TS) endpoint, since HLS
	// carries HEVC only in fragmented MP4 (constructs/internal/hls). Default: false (H.264).
	HEVC bool
	// MQCS switches between the two ingest pipelines by media quality confidence score (MQCS)
	// that MediaLive sends, instead of on failure alone. Default: false.
	MQCS bool
	// KeyProviderRole is the role MediaPackage assumes to call the DRM key provider: the
	// provider's, trusting mediapackagev2.amazonaws.com. Required with DRM.
	KeyProviderRole awsiam.IRole
}

// LiveChannel is a MediaPackage v2 channel with its origin endpoints.
type LiveChannel struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// Channel is the MediaPackage v2 channel (CMAF ingest).
	Channel mpv2.CfnChannel
	// Endpoints are the origin endpoints: HLS (TS), HLS (CMAF), DASH (CMAF) and, when asked
	// for, low-latency HLS.
	Endpoints []*LiveEndpoint
	// Name is the channel's name.
	Name string
	// SegmentSeconds is the segment duration the endpoints use.
	SegmentSeconds int
	// ManifestWindowSeconds is how much of the stream the endpoints' manifests list.
	ManifestWindowSeconds int
	// StartoverWindowSeconds is how far back time-shifted manifests reach (0: none).
	StartoverWindowSeconds int

	// DRM is how the endpoints are encrypted (none when DRM.On is false).
	DRM DRMOptions
	// ForceEndpointErrors says the endpoints force errors for a failover origin (see
	// LiveChannelOptions.ForceEndpointErrors).
	ForceEndpointErrors bool

	group *LiveGroup
}

// Encryptions say, per endpoint format, the encryption method and DRM systems (none without DRM).
func (c *LiveChannel) Encryptions() map[string]string {
	out := map[string]string{}
	if !c.DRM.On() {
		return out
	}
	for _, e := range c.Endpoints {
		container := "CMAF"
		if e.Format == "HLS" {
			container = "TS"
		}
		if m, systems, err := c.DRM.Encryption(container, e.Format); err == nil {
			out[e.Format] = m + " (" + strings.Join(systems, ", ") + ")"
		}
	}
	return out
}

// LiveEndpoint is one origin endpoint and its policy.
type LiveEndpoint struct {
	// Format is "HLS" (TS segments), "CMAF_HLS", "CMAF_DASH" or "LL_HLS".
	Format string
	// Endpoint is the origin endpoint; Policy its endpoint policy (CDN authorization), whose
	// Document takes further statements.
	Endpoint mpv2.CfnOriginEndpoint
	Policy   mpv2.CfnOriginEndpointPolicy
	Document awsiam.PolicyDocument
	// Manifest is the manifest path below the egress domain, e.g.
	// /out/v1/<group>/<channel>/hls/index.m3u8.
	Manifest string
}

var nameRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// validate checks the props, defaults filled in, before anything is created.
func (p *LiveChannelProps) validate() error {
	if !nameRe.MatchString(p.Name) {
		return validate.Invalid("packaging", "Name", p.Name, "is not allowed; use 1 to 64 letters, digits, - and _")
	}
	if err := encoding.CheckSegment("packaging", p.SegmentSeconds, false); err != nil {
		return err
	}
	if err := p.LiveChannelOptions.Validate(p.SegmentSeconds); err != nil {
		return err
	}
	return p.validateDRM()
}

// endpointKind is an endpoint's container and format.
type endpointKind struct{ container, format string }

// endpoints are the kinds of endpoint the channel gets (AddChannel makes them in this order).
func (p *LiveChannelProps) endpoints() []endpointKind {
	var out []endpointKind
	if hlsrules.TransportStreamAllowed(p.HEVC) {
		out = append(out, endpointKind{"TS", "HLS"})
	}
	out = append(out, endpointKind{"CMAF", "CMAF_HLS"}, endpointKind{"CMAF", "CMAF_DASH"})
	if p.LowLatencyHLS {
		out = append(out, endpointKind{"CMAF", "LL_HLS"})
	}
	return out
}

// validateDRM checks that every endpoint the channel has can be encrypted as DRM asks.
func (p *LiveChannelProps) validateDRM() error {
	if !p.DRM.On() {
		return nil
	}
	if p.KeyProviderRole == nil {
		return validate.Invalid("packaging", "KeyProviderRole", validate.NoValue, "is required with {DRM.KeyProviderURL}: the role MediaPackage assumes to call the key provider")
	}
	for _, e := range p.endpoints() {
		if _, _, err := p.DRM.Encryption(e.container, e.format); err != nil {
			return err
		}
	}
	return nil
}

// Validate returns the *validate.Error AddChannel would panic with for these options on a
// channel of segmentSeconds segments (0: the default 6), without creating anything.
func (o *LiveChannelOptions) Validate(segmentSeconds int) error {
	if segmentSeconds == 0 {
		segmentSeconds = encoding.SegmentSeconds
	}
	if w := o.ManifestWindowSeconds; w != 0 && (w < 3*segmentSeconds || w > 900) {
		return validate.Invalid("packaging", "ManifestWindowSeconds", w, "is not allowed; use %d (three segments of {SegmentSeconds}) to 900 seconds", 3*segmentSeconds)
	}
	if s := o.StartoverWindowSeconds; s != 0 && (s < 60 || s > 1209600) {
		return validate.OutOfRange("packaging", "StartoverWindowSeconds", s, 60, 1209600, "seconds")
	}
	return o.DRM.Validate()
}

// Windows are the lengths a channel with these options and segments of segmentSeconds (0: the
// default) has, defaults filled in: what an encoder sending to it must match.
func (o LiveChannelOptions) Windows(segmentSeconds int) LiveWindows {
	if segmentSeconds == 0 {
		segmentSeconds = encoding.SegmentSeconds
	}
	w := LiveWindows{SegmentSeconds: segmentSeconds, ManifestWindowSeconds: o.ManifestWindowSeconds, StartoverWindowSeconds: o.StartoverWindowSeconds}
	if w.ManifestWindowSeconds == 0 {
		w.ManifestWindowSeconds = 60
	}
	return w
}

// AddChannel defines a channel in the group, with its endpoints and their policies.
func (g *LiveGroup) AddChannel(id string, props *LiveChannelProps) *LiveChannel {
	p := LiveChannelProps{}
	if props != nil {
		p = *props
	}
	if p.Name == "" {
		p.Name = id
	}
	if p.SegmentSeconds == 0 {
		p.SegmentSeconds = encoding.SegmentSeconds
	}
	p.ManifestWindowSeconds = p.LiveChannelOptions.Windows(p.SegmentSeconds).ManifestWindowSeconds
	if err := p.validate(); err != nil {
		panic(err)
	}
	c := constructs.NewConstruct(g.Construct, &id)
	ch := &LiveChannel{Construct: c, Name: p.Name, SegmentSeconds: p.SegmentSeconds, ManifestWindowSeconds: p.ManifestWindowSeconds, StartoverWindowSeconds: p.StartoverWindowSeconds, DRM: p.DRM, ForceEndpointErrors: p.ForceEndpointErrors, group: g}
	ch.Channel = g.newChannel(c, &p)
	seg := jsii.Number(float64(p.SegmentSeconds))
	win := jsii.Number(float64(p.ManifestWindowSeconds))
	hls := func() *[]*mpv2.CfnOriginEndpoint_HlsManifestConfigurationProperty {
		return &[]*mpv2.CfnOriginEndpoint_HlsManifestConfigurationProperty{{ManifestName: jsii.String("index"), ManifestWindowSeconds: win, ProgramDateTimeIntervalSeconds: jsii.Number(60),
			ScteHls: &mpv2.CfnOriginEndpoint_ScteHlsProperty{AdMarkerHls: jsii.String("DATERANGE"), ScteInManifests: matchesFilter}}}
	}
	if hlsrules.TransportStreamAllowed(p.HEVC) {
		ch.addEndpoint(&p, "HLS", "hls", "TS", &mpv2.CfnOriginEndpointProps{HlsManifests: hls()}, "index.m3u8")
	}
	ch.addEndpoint(&p, "CMAF_HLS", "cmaf-hls", "CMAF", &mpv2.CfnOriginEndpointProps{HlsManifests: hls()}, "index.m3u8")
	ch.addEndpoint(&p, "CMAF_DASH", "cmaf-dash", "CMAF", &mpv2.CfnOriginEndpointProps{DashManifests: &[]*mpv2.CfnOriginEndpoint_DashManifestConfigurationProperty{{
		ManifestName: jsii.String("index"), ManifestWindowSeconds: win, MinUpdatePeriodSeconds: seg,
		MinBufferTimeSeconds: jsii.Number(float64(2 * p.SegmentSeconds)), SuggestedPresentationDelaySeconds: jsii.Number(float64(3 * p.SegmentSeconds)),
		SegmentTemplateFormat: jsii.String("NUMBER_WITH_TIMELINE"), PeriodTriggers: jsii.Strings("AVAILS"),
		// Players synchronize to UTC from the manifest itself (UTCTiming urn:mpeg:dash:utc:direct),
		// stamped by MediaPackage: no third-party time server; as old as the cached manifest at most.
		UtcTiming: &mpv2.CfnOriginEndpoint_DashUtcTimingProperty{TimingMode: jsii.String(string(mp2types.DashUtcTimingModeUtcDirect))},
		ScteDash:  &mpv2.CfnOriginEndpoint_ScteDashProperty{AdMarkerDash: jsii.String("XML"), ScteInManifests: matchesFilter}, // an EventStream per avail
		// The channel's caption tracks (TTML from CMAF ingest) as IMSC1, DASH-IF's text profile;
		// HLS endpoints serve them as WebVTT ("Supported inputs and outputs",
		// https://docs.aws.amazon.com/mediapackage/latest/userguide/supported-inputs.html).
		SubtitleConfiguration: &mpv2.CfnOriginEndpoint_DashSubtitleConfigurationProperty{TtmlConfiguration: &mpv2.CfnOriginEndpoint_DashTtmlConfigurationProperty{
			TtmlProfile: jsii.String(string(mp2types.DashTtmlProfileImsc1))}},
	}}}, "index.mpd")
	if p.LowLatencyHLS {
		ch.addEndpoint(&p, "LL_HLS", "ll-hls", "CMAF", &mpv2.CfnOriginEndpointProps{LowLatencyHlsManifests: &[]*mpv2.CfnOriginEndpoint_LowLatencyHlsManifestConfigurationProperty{{
			ManifestName: jsii.String("index"), ManifestWindowSeconds: win, ProgramDateTimeIntervalSeconds: jsii.Number(60),
			ScteHls: &mpv2.CfnOriginEndpoint_ScteHlsProperty{AdMarkerHls: jsii.String("DATERANGE"), ScteInManifests: matchesFilter},
		}}}, "index.m3u8")
	}
	g.Channels = append(g.Channels, ch)
	return ch
}

// newChannel is the MediaPackage v2 channel (CMAF ingest), switching pipelines by MQCS when asked.
func (g *LiveGroup) newChannel(c constructs.Construct, p *LiveChannelProps) mpv2.CfnChannel {
	cp := &mpv2.CfnChannelProps{
		ChannelGroupName: g.Name(),
		ChannelName:      jsii.String(p.Name),
		InputType:        jsii.String("CMAF"),
		Description:      jsii.String("StreamCDK live channel " + p.Name),
	}
	if p.MQCS {
		cp.InputSwitchConfiguration = &mpv2.CfnChannel_InputSwitchConfigurationProperty{MqcsInputSwitching: jsii.Bool(true)}
		cp.OutputHeaderConfiguration = &mpv2.CfnChannel_OutputHeaderConfigurationProperty{PublishMqcs: jsii.Bool(true)}
	}
	channel := mpv2.NewCfnChannel(c, jsii.String("Resource"), cp)
	// Names, not references, tie a channel to its group: make the order explicit.
	channel.Node().AddDependency(g.ChannelGroup)
	return channel
}

// addEndpoint adds an origin endpoint of a format (its manifests in ep) with its policy.
func (ch *LiveChannel) addEndpoint(p *LiveChannelProps, format, name, container string, ep *mpv2.CfnOriginEndpointProps, manifest string) {
	g := ch.group
	ep.ChannelGroupName, ep.ChannelName, ep.OriginEndpointName, ep.ContainerType = g.Name(), jsii.String(p.Name), jsii.String(name), jsii.String(container)
	segment := &mpv2.CfnOriginEndpoint_SegmentProperty{SegmentDurationSeconds: jsii.Number(float64(p.SegmentSeconds)), SegmentName: jsii.String("segment"), IncludeIframeOnlyStreams: jsii.Bool(false)}
	if container == "TS" {
		segment.TsUseAudioRenditionGroup = jsii.Bool(true) // audio as its own rendition group (TS only)
	}
	// SCTE-35 messages that mean an ad break (or a place for one) become ad markers in the
	// manifests; programme, chapter and other non-ad messages are filtered out.
	segment.Scte = &mpv2.CfnOriginEndpoint_ScteProperty{ScteFilter: jsii.Strings(AdBreakSCTETypes...)}
	segment.Encryption = ch.encryption(p, container, format, name)
	ep.Segment = segment
	if p.StartoverWindowSeconds > 0 {
		ep.StartoverWindowSeconds = jsii.Number(float64(p.StartoverWindowSeconds))
	}
	if p.ForceEndpointErrors {
		ep.ForceEndpointErrorConfiguration = &mpv2.CfnOriginEndpoint_ForceEndpointErrorConfigurationProperty{
			EndpointErrorConditions: jsii.Strings(string(mp2types.EndpointErrorConditionStaleManifest), string(mp2types.EndpointErrorConditionIncompleteManifest),
				string(mp2types.EndpointErrorConditionMissingDrmKey), string(mp2types.EndpointErrorConditionSlateInput)),
		}
	}
	ec := constructs.NewConstruct(ch.Construct, jsii.String(format))
	e := &LiveEndpoint{Format: format, Manifest: ch.Path() + "/" + name + "/" + manifest}
	e.Endpoint = mpv2.NewCfnOriginEndpoint(ec, jsii.String("Resource"), ep)
	// E3002: cfn-lint 1.51's schema predates ScteHls/ScteDash.ScteInManifests, which
	// CloudFormation's (and the CDK's, generated from it) has.
	nag.IgnoreLint(e.Endpoint, "E3002")
	e.Endpoint.Node().AddDependency(ch.Channel)
	g.addEndpointPolicy(ec, e, p.Name, name)
	ch.Endpoints = append(ch.Endpoints, e)
}

// addEndpointPolicy admits the CDN to an endpoint: the CDN identifier header, or the
// distributions allowed by Origin Access Control.
func (g *LiveGroup) addEndpointPolicy(ec constructs.Construct, e *LiveEndpoint, channel, name string) {
	e.Document = awsiam.NewPolicyDocument(nil)
	if g.auth == AuthCDNIdentifier {
		e.Document.AddStatements(cdnAuthStatement(e.Endpoint.AttrArn()))
	}
	for _, d := range g.distributions {
		e.Document.AddStatements(g.oacStatement(e.Endpoint.AttrArn(), d))
	}
	pp := &mpv2.CfnOriginEndpointPolicyProps{
		ChannelGroupName: g.Name(), ChannelName: jsii.String(channel), OriginEndpointName: jsii.String(name), Policy: e.Document,
	}
	if g.secret != nil {
		pp.CdnAuthConfiguration = &mpv2.CfnOriginEndpointPolicy_CdnAuthConfigurationProperty{
			CdnIdentifierSecretArns: &[]*string{g.secret.SecretArn()},
			SecretsRoleArn:          g.SecretsRole.RoleArn(),
		}
	}
	e.Policy = mpv2.NewCfnOriginEndpointPolicy(ec, jsii.String("Policy"), pp)
	if g.secret != nil {
		// MediaPackage checks that the role can read the secret when the policy is created.
		e.Policy.Node().AddDependency(g.SecretsRole.Node().FindChild(jsii.String("DefaultPolicy")))
	}
}

// matchesFilter makes the manifests carry only the SCTE-35 events of the endpoint's ScteFilter:
// "If you don't specify a value, the default is ALL" (every non-implicit event)
// (https://docs.aws.amazon.com/mediapackage/latest/APIReference/API_ScteHls.html).
var matchesFilter = jsii.String(string(mp2types.ScteInManifestsMatchesFilter))

// AdBreakSCTETypes are the SCTE-35 message types the live endpoints turn into ad markers
// (HLS EXT-X-DATERANGE, DASH EventStream): splice inserts and the segmentation types of ad
// breaks and placement opportunities.
var AdBreakSCTETypes = []string{"SPLICE_INSERT", "BREAK", "PROVIDER_ADVERTISEMENT", "DISTRIBUTOR_ADVERTISEMENT",
	"PROVIDER_PLACEMENT_OPPORTUNITY", "DISTRIBUTOR_PLACEMENT_OPPORTUNITY"}

// cdnAuthStatement lets anyone fetch from the endpoint whose request carries the CDN identifier
// (MediaPackage checks it against the secret named in the CdnAuthConfiguration).
func cdnAuthStatement(endpointArn *string) awsiam.PolicyStatement {
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AllowRequestsWithCdnIdentifier"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewStarPrincipal()},
		// GetHeadObject serves HEAD requests (and CloudFront's quality-aware origin checks).
		Actions:    jsii.Strings(readActions...),
		Resources:  &[]*string{endpointArn},
		Conditions: &map[string]interface{}{"Bool": map[string]interface{}{cdnAuthKey: "true"}},
	})
}

// ChannelArn is the channel's ARN (MediaLive's role writes to it).
func (c *LiveChannel) ChannelArn() *string { return c.Channel.AttrArn() }

// Path is the channel's folder below the egress domain, /out/v1/<group>/<channel>: every
// endpoint's manifest is below it.
func (c *LiveChannel) Path() string { return "/out/v1/" + *c.group.Name() + "/" + c.Name }

// GroupName is the name of the channel's group.
func (c *LiveChannel) GroupName() *string { return c.group.Name() }

// MainHLS is the channel's HLS endpoint for players: HLS (TS) where the codec allows it, else
// HLS (CMAF).
func (c *LiveChannel) MainHLS() *LiveEndpoint {
	if e := c.Endpoint("HLS"); e != nil {
		return e
	}
	return c.Endpoint("CMAF_HLS")
}

// Endpoint returns the channel's endpoint of a format, nil if it has none.
func (c *LiveChannel) Endpoint(format string) *LiveEndpoint {
	for _, e := range c.Endpoints {
		if e.Format == format {
			return e
		}
	}
	return nil
}

// String names the channel for messages.
func (c *LiveChannel) String() string { return fmt.Sprintf("MediaPackage v2 channel %s", c.Name) }
