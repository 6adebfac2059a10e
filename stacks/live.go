package stacks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ads"
	"github.com/streamcdk/streamcdk/constructs/cdn"
	"github.com/streamcdk/streamcdk/constructs/contract"
	"github.com/streamcdk/streamcdk/constructs/keyserver"
	"github.com/streamcdk/streamcdk/constructs/keyserver/keys"
	"github.com/streamcdk/streamcdk/constructs/liveingest"
	"github.com/streamcdk/streamcdk/constructs/liveingest/encoder"
	"github.com/streamcdk/streamcdk/constructs/ops"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/player"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// LiveChannelConfig is one live channel of the stack.
type LiveChannelConfig struct {
	// Name names the channel (MediaLive channel and input, MediaPackage channel, playback paths,
	// output names). Default: "main" for the first channel.
	Name string
	// Ingest configures the MediaLive input and channel (named Name, sending to the channel's
	// MediaPackage channel).
	Ingest liveingest.ChannelOptions
	// Packaging configures the MediaPackage v2 channel (its segments follow Ingest.Encoding; it
	// switches pipelines by MQCS for STANDARD channels).
	Packaging packaging.LiveChannelOptions
	// Ads turns on server-side ad insertion for the channel when Ads.AdDecisionServerURL is set:
	// a MediaTailor playback configuration whose manifests and segments go through the stack's
	// distribution. Default: no ads.
	Ads ads.PlaybackOptions
	// SRTPassphraseSecretArn imports the secret holding the SRT passphrase by its complete ARN,
	// instead of Ingest.SRTPassphrase (giving both is an error); it exists for configuration from
	// CDK context. Default: none.
	SRTPassphraseSecretArn string
}

// LiveStackProps configures NewLiveStack. The zero value deploys one channel with every default.
type LiveStackProps struct {
	// StackProps are passed to the stack (environment, tags, synthesizer...).
	StackProps awscdk.StackProps
	// Channels are the live channels, all behind one distribution. Default: one channel "main"
	// pulling two public test streams.
	Channels []LiveChannelConfig
	// CDN configures the distribution's viewer-facing settings. Its cache key keeps the
	// time-shift query strings when a channel has a startover window.
	CDN cdn.Options
	// CertificateArn imports the ACM certificate (us-east-1) covering CDN.DomainNames by its
	// ARN, instead of CDN.Certificate (giving both is an error); it exists for configuration from
	// CDK context. Default: none.
	CertificateArn string
	// WithoutPlayer leaves out the player page (served at /player/ by default, with a PlayerUrl
	// output per channel).
	WithoutPlayer bool
	// PlayerNodeModules is a node_modules holding hls.js and dash.js for the page. Default: the
	// streamcdk source tree's (see player.SiteProps.NodeModules).
	PlayerNodeModules string
	// OriginAuth is how MediaPackage admits CloudFront: the CDN identifier header (default),
	// Origin Access Control (SigV4) limited to the distribution, or both.
	OriginAuth packaging.OriginAuth
	// CDNIdentifier configures the CDN identifier MediaPackage checks (OriginAuth with the
	// header; MediaPackage v2's). SecretVersionID pins the version CloudFront
	// sends (rotation). Default: a generated secret.
	CDNIdentifier cdn.IdentifierOptions
	// NotificationEmail is subscribed to the stack's alarm topic. Default: none.
	NotificationEmail string
	// CostNoticeHourUTC is the hour (1-24 UTC) of the daily notice of running channels on the
	// alarm topic (see liveingest.CostGuard). Default: 8.
	CostNoticeHourUTC int
	// KeyProviderRoleArn imports the role MediaPackage assumes to call the DRM key provider of
	// the channels whose Packaging.DRM is on (the provider's role, trusting
	// mediapackagev2.amazonaws.com). Required with DRM.
	KeyProviderRoleArn string
	// DemoKeyServer deploys the demo key server (constructs/keyserver) and encrypts every
	// channel's endpoints with its keys: Clear Key AES-128 on HLS (TS), Widevine signaled on
	// CMAF; players get keys and Clear Key licenses through the distribution. For development
	// and testing: Clear Key is not a commercial DRM. Default: false.
	DemoKeyServer bool
	// SecondaryRegion adds a second stack, <id>Secondary in that Region, with the same channels
	// under the same channel group name (the same playback paths), that the distribution fails
	// over to: each encoder in both Regions locked to the epoch, this stack's endpoints forcing
	// errors on a stale or incomplete manifest, both Regions' egress in one origin group, this
	// stack's first. Needs StackProps.Env.Region. Default: none.
	SecondaryRegion string
}

// MaxLiveChannels bounds the channels of one stack: each takes up to 17 resources and 7 outputs,
// and CloudFormation allows 500 resources and 200 outputs per stack.
const MaxLiveChannels = 20

// LiveStack is the live streaming stack.
type LiveStack struct {
	// Stack is the CloudFormation stack.
	Stack awscdk.Stack
	// Identifier is the CDN identifier secret (MediaPackage v2); nil with OriginAuth OAC alone.
	Identifier *cdn.Identifier
	// Packaging is the MediaPackage v2 channel group with a channel per live channel.
	Packaging *packaging.LiveGroup
	// Channels are the MediaLive channels, in configuration order.
	Channels []*liveingest.Channel
	// CDN is the CloudFront distribution.
	CDN *cdn.LiveDistribution
	// Player is the player page; nil with WithoutPlayer.
	Player *player.Site
	// Ads are the MediaTailor playback configurations, one per channel in configuration order;
	// nil for a channel without ads.
	Ads []*ads.Playback
	// Alarms is the encrypted topic the channels' alarms notify, with the alarms.
	Alarms *ops.Topic
	// Dashboard shows every channel, its packaging and the distribution.
	Dashboard awscloudwatch.Dashboard
	// CostGuard tags channels with their start time and notifies the running ones daily.
	CostGuard *liveingest.CostGuard
	// KeyProviderRole is the DRM key provider's role (imported, or the demo key server's);
	// nil without DRM.
	KeyProviderRole awsiam.IRole
	// KeyServer is the demo key server; nil without DemoKeyServer.
	KeyServer *keyserver.KeyServer
	// Failover is the secondary stack (SecondaryRegion) the distribution fails over to; nil
	// without one (and in the secondary stack itself, which has no distribution: CDN is nil).
	Failover *LiveStack
}

var outputIDRe = regexp.MustCompile(`[^A-Za-z0-9]`)

// channels are the configured channels, or the default one.
func (p *LiveStackProps) channels() []LiveChannelConfig {
	if len(p.Channels) == 0 {
		return []LiveChannelConfig{{}}
	}
	return p.Channels
}

// validate checks what involves more than one construct, before anything is created.
func (p *LiveStackProps) validate() error {
	if err := validate.OneOfOrDefault("stacks", "OriginAuth", p.OriginAuth, packaging.OriginAuths); err != nil {
		return err
	}
	if v := p.CDNIdentifier.SecretVersionID; v != "" && p.OriginAuth == packaging.AuthOAC {
		return validate.Invalid("stacks", "CDNIdentifier.SecretVersionID", v, "applies to the CDN identifier header, which {OriginAuth} %s does not use", packaging.AuthOAC)
	}
	if p.CDNIdentifier.Secret != nil && p.OriginAuth == packaging.AuthOAC {
		return validate.Invalid("stacks", "CDNIdentifier.Secret", validate.NoValue, "applies to the CDN identifier header, which {OriginAuth} %s does not use", packaging.AuthOAC)
	}
	if e := p.NotificationEmail; e != "" {
		if err := validate.Email("stacks", "NotificationEmail", e); err != nil {
			return err
		}
	}
	if err := validate.InRange("stacks", "CostNoticeHourUTC", p.CostNoticeHourUTC, 1, 24, "", true); err != nil {
		return err
	}
	if len(p.Channels) > MaxLiveChannels {
		return validate.Invalid("stacks", "Channels", validate.NoValue, "has %d channels; at most %d fit in one stack (CloudFormation's 500 resources and 200 outputs)", len(p.Channels), MaxLiveChannels)
	}
	if n := p.outputCount(); n > maxOutputs {
		return validate.Invalid("stacks", "Channels", validate.NoValue, "has %d channels whose outputs come to %d; CloudFormation allows %d per stack: split the channels between two stacks (or leave out low-latency HLS or ads on some)", len(p.Channels), n, maxOutputs)
	}
	seen := map[string]int{}
	for i, c := range p.Channels {
		name := channelName(c.Name, i)
		if j, dup := seen[strings.ToLower(name)]; dup {
			return validate.Invalid("stacks", fmt.Sprintf("Channels[%d].Name", i), name, "repeats {Channels[%d].Name}; channel names must differ", j)
		}
		seen[strings.ToLower(name)] = i
		if err := checkDemo(c.Ads.AdDecisionServerURL, fmt.Sprintf("Channels[%d].Ads.AdDecisionServerURL", i), p.WithoutPlayer); err != nil {
			return err
		}
		if err := c.Ads.CheckOff(); err != nil {
			return validate.Nest("stacks", fmt.Sprintf("Channels[%d].Ads", i), err)
		}
	}
	return nil
}

// maxOutputs is CloudFormation's limit on a stack's outputs.
const maxOutputs = 200

// outputCount is the number of outputs the stack will have (see outputs).
func (p *LiveStackProps) outputCount() int {
	n := 3 // CloudFrontDomainName, AlarmsTopicArn, DashboardUrl
	for _, c := range p.Channels {
		if c.Ads.AdDecisionServerURL != "" {
			n++ // MediaTailorAccountHash, once per stack
			break
		}
	}
	for _, c := range p.Channels {
		n += 3 + 2 + 1 // three playback URLs, channel id and console, ingest URLs or sources
		if c.Packaging.LowLatencyHLS {
			n++
		}
		if !p.WithoutPlayer {
			n++
		}
		if c.Ads.AdDecisionServerURL != "" {
			n += 2
		}
	}
	return n
}

// channelName is a channel's name: as configured, else "main" for the first and "channelN".
func channelName(name string, i int) string {
	switch {
	case name != "":
		return name
	case i == 0:
		return "main"
	}
	return fmt.Sprintf("channel%d", i+1)
}

// NewLiveStack defines the live stack. props may be nil.
func NewLiveStack(scope constructs.Construct, id string, props *LiveStackProps) *LiveStack {
	if props == nil {
		props = &LiveStackProps{}
	}
	if err := props.Validate(); err != nil {
		panic(err)
	}
	channels := props.channels()
	s := newStack(scope, id, props.StackProps, "StreamCDK live: MediaLive channels, MediaPackage v2 endpoints, CloudFront with CDN authorization")
	l := &LiveStack{Stack: s}
	l.addPackaging(props, nil, "")
	if props.SecondaryRegion != "" {
		within("SecondaryRegion", func() { l.Failover = newLiveSecondary(scope, id+"Secondary", props, *l.Packaging.Name(), *s.Region()) })
	}
	if props.DemoKeyServer {
		within("KeyServer", func() { l.KeyServer = keyserver.New(s, "KeyServer", nil) })
		l.KeyProviderRole = l.KeyServer.MediaPackageRole
	}
	l.addChannels(channels, props.KeyProviderRoleArn, props.SecondaryRegion != "", props.SecondaryRegion != "")
	l.addDelivery(props, channels)
	l.addAds(channels)
	if l.Packaging.Auth() != packaging.AuthCDNIdentifier {
		l.Packaging.AllowDistribution(l.CDN.Distribution.DistributionArn())
	}
	l.operations(props)
	l.outputs()
	return l
}

// addPackaging makes the CDN identifier (unless the origin checks OAC only; replicated as
// replica says, for a distribution in another Region) and the MediaPackage v2 channel group.
func (l *LiveStack) addPackaging(props *LiveStackProps, replica *cdn.IdentifierProps, groupName string) {
	s := l.Stack
	gp := &packaging.LiveGroupProps{Auth: props.OriginAuth, Name: groupName}
	if props.OriginAuth != packaging.AuthOAC {
		ip := cdn.IdentifierProps{IdentifierOptions: props.CDNIdentifier, Version: cdn.MediaPackageV2}
		if replica != nil {
			ip.ReplicaRegions, ip.SecretName = replica.ReplicaRegions, replica.SecretName
		}
		within("CDNIdentifier", func() { l.Identifier = cdn.NewIdentifier(s, "CdnIdentifier", &ip) })
		gp.CDNIdentifierSecret = l.Identifier.Secret
	}
	within("Packaging", func() { l.Packaging = packaging.NewLiveGroup(s, "Packaging", gp) })
}

// addChannels makes each channel's MediaPackage v2 channel and the MediaLive channel that
// sends to it.
// With epochLocked, each encoder locks its output to the epoch (both Regions of a failover pair
// make the same segments at the same times); with forceErrors, each endpoint answers 404 on a
// stale or incomplete manifest or slate input, which moves the origin group to the other Region
// (the primary's only: "For back-up MediaPackage origins, do not enable these error
// configurations", https://docs.aws.amazon.com/mediatailor/latest/ug/media-quality-resiliency.html).
func (l *LiveStack) addChannels(channels []LiveChannelConfig, keyProviderRoleArn string, epochLocked, forceErrors bool) {
	for i, cfg := range channels {
		name := channelName(cfg.Name, i)
		cfg.Ingest.EpochLocked = cfg.Ingest.EpochLocked || epochLocked
		cfg.Packaging.ForceEndpointErrors = cfg.Packaging.ForceEndpointErrors || forceErrors
		pp := packaging.LiveChannelProps{
			LiveChannelOptions: cfg.Packaging,
			Name:               name,
			SegmentSeconds:     cfg.Ingest.Encoding.WithDefaults().SegmentSeconds,
			MQCS:               cfg.Ingest.Class == "" || cfg.Ingest.Class == liveingest.Standard,
			HEVC:               cfg.Ingest.Encoding.Codec == encoder.H265,
		}
		if l.KeyServer != nil {
			pp.DRM.KeyProviderURL, pp.DRM.Systems = *l.KeyServer.SPEKEURL(), keyserver.DemoSystems
		}
		if pp.DRM.On() {
			pp.KeyProviderRole = l.keyProviderRole(keyProviderRoleArn)
		}
		var dest *packaging.LiveChannel
		within(fmt.Sprintf("Channels[%d].Packaging", i), func() { dest = l.Packaging.AddChannel(name, &pp) })
		ip := liveingest.ChannelProps{ChannelOptions: cfg.Ingest, Name: name, Destination: dest}
		if arn := cfg.SRTPassphraseSecretArn; arn != "" {
			ip.SRTPassphrase = awssecretsmanager.Secret_FromSecretCompleteArn(l.Stack, jsii.String("SrtPassphrase"+name), jsii.String(arn))
		}
		within(fmt.Sprintf("Channels[%d].Ingest", i), func() { l.Channels = append(l.Channels, liveingest.NewChannel(l.Stack, "Channel"+name, &ip)) })
	}
}

// keyProviderRole is the DRM key provider's role, imported once (immutable: the provider owns it).
func (l *LiveStack) keyProviderRole(arn string) awsiam.IRole {
	if l.KeyProviderRole == nil {
		l.KeyProviderRole = awsiam.Role_FromRoleArn(l.Stack, jsii.String("KeyProviderRole"), jsii.String(arn), &awsiam.FromRoleArnOptions{Mutable: jsii.Bool(false)})
	}
	return l.KeyProviderRole
}

// addDelivery makes the player page (unless left out) and the distribution in front of the
// endpoints, with time shift and ad routes where a channel needs them.
func (l *LiveStack) addDelivery(props *LiveStackProps, channels []LiveChannelConfig) {
	s := l.Stack
	cp := cdn.LiveDistributionProps{Options: cdnOptions(l.Stack, props.CDN, props.CertificateArn)}
	if !props.WithoutPlayer {
		l.Player = player.NewSite(s, "Player", &player.SiteProps{NodeModules: props.PlayerNodeModules, Files: demoFiles(usesDemoAds(channels))})
		cp.PlayerBucket = l.Player.Bucket
	}
	for _, c := range channels {
		cp.TimeShift = cp.TimeShift || c.Packaging.StartoverWindowSeconds > 0
		cp.AdInsertion = cp.AdInsertion || c.Ads.AdDecisionServerURL != ""
	}
	cp.MediaPackage = &cdn.MediaPackageOrigin{DomainName: l.Packaging.EgressDomain(), Identifier: l.Identifier,
		OriginAccessControl: l.Packaging.Auth() != packaging.AuthCDNIdentifier, Failover: l.failoverOrigin()}
	if l.KeyServer != nil {
		cp.KeyServer = keyServerOrigin(l.KeyServer)
	}
	within("CDN", func() { l.CDN = cdn.NewLiveDistribution(s, "Cdn", &cp) })
	if l.Player != nil {
		l.Player.Deploy(l.CDN.Distribution)
	}
}

// usesDemoAds reports whether a channel's ads come from the demo ad server.
func usesDemoAds(channels []LiveChannelConfig) bool {
	for _, c := range channels {
		if c.Ads.AdDecisionServerURL == ads.Demo {
			return true
		}
	}
	return false
}

// addAds makes a MediaTailor playback configuration for each channel with an ad server (the
// demo one served by the stack), and admits it on the distribution's ad routes.
func (l *LiveStack) addAds(channels []LiveChannelConfig) {
	var demoURL string
	if usesDemoAds(channels) {
		demoURL = serveDemo(l.Player, *l.CDN.BaseURL())
	}
	for i, c := range channels {
		var pb *ads.Playback
		if c.Ads.AdDecisionServerURL != "" {
			ap := ads.PlaybackProps{
				PlaybackOptions:  c.Ads,
				ContentSourceURL: jsii.String(*l.CDN.BaseURL() + l.Packaging.Channels[i].Path() + "/"),
				CDNBaseURL:       l.CDN.BaseURL(),
				Live:             true,
			}
			if ap.AdDecisionServerURL == ads.Demo {
				ap.AdDecisionServerURL = demoURL
			}
			within(fmt.Sprintf("Channels[%d].Ads", i), func() { pb = ads.NewPlayback(l.Stack, "Ads"+channelName(c.Name, i), &ap) })
			l.CDN.AdRoutes.Allow(*pb.Configuration.Name())
		}
		l.Ads = append(l.Ads, pb)
	}
}

// operations defines the alarm topic, each channel's alarms (MediaLive input loss and alerts,
// MediaPackage egress errors) and the dashboard.
func (l *LiveStack) operations(props *LiveStackProps) {
	l.Alarms = ops.NewTopic(l.Stack, "Alarms", &ops.TopicProps{DisplayName: "StreamCDK live alarms", Email: props.NotificationEmail})
	rows := [][]awscloudwatch.IWidget{}
	for i, ch := range l.Channels {
		dest := l.Packaging.Channels[i]
		ch.Alarms(l.Alarms)
		dest.Alarms(l.Alarms)
		if l.Failover != nil {
			dest.FailoverAlarm(l.Alarms, props.SecondaryRegion)
		}
		rows = append(rows, []awscloudwatch.IWidget{ops.Header("### Channel " + ch.Name())}, ch.Widgets(), dest.Widgets())
	}
	if l.CDN != nil {
		rows = append(rows, []awscloudwatch.IWidget{ops.Header("### Delivery")}, l.CDN.Widgets())
	}
	if l.Failover != nil {
		rows = append(rows, l.failoverWidgets(l.Failover, props.SecondaryRegion))
	}
	rows = append(rows, []awscloudwatch.IWidget{ops.AlarmStatus("Alarms", l.Alarms.Alarms)})
	l.CostGuard = liveingest.NewCostGuard(l.Stack, "CostGuard", &liveingest.CostGuardProps{Channels: l.Channels, Topic: l.Alarms, HourUTC: props.CostNoticeHourUTC})
	l.Dashboard = ops.NewDashboard(l.Stack, "Dashboard", *l.Stack.StackName()+"-operations", rows...)
}

// RuntimeCalls lists the calls the stack's channels and the roles they pass make at run time
// (see package contract); the rest follows from the synthesized template.
func (l *LiveStack) RuntimeCalls() []contract.Call {
	calls := l.Packaging.RuntimeCalls()
	for _, ch := range l.Channels {
		calls = append(calls, ch.RuntimeCalls()...)
	}
	if l.Player != nil {
		calls = append(calls, l.Player.RuntimeCalls(assetObject(), l.CDN.Distribution.DistributionArn())...)
	}
	if l.KeyServer != nil {
		calls = append(calls, l.KeyServer.RuntimeCalls()...)
	}
	return calls
}

func (l *LiveStack) outputs() {
	s := l.Stack
	out := func(id, desc string, value *string) { output(s, id, desc, value) }
	if l.CDN == nil {
		l.secondaryOutputs(out)
		return
	}
	out("CloudFrontDomainName", "Playback domain", l.CDN.DomainName())
	out("AlarmsTopicArn", "Alarms of every channel (subscribe to be woken)", l.Alarms.Topic.TopicArn())
	out("DashboardUrl", "The operations dashboard", dashboardURL(l.Dashboard))
	for _, ad := range l.Ads {
		if ad != nil {
			out("MediaTailorAccountHash", "MediaTailor's id of this account: set live:mediaTailorAccountHash to it so the ad routes admit only this account's configurations", ad.AccountHash())
			break
		}
	}
	for i, ch := range l.Channels {
		dest := l.Packaging.Channels[i]
		name := ch.Name()
		pre := outputIDRe.ReplaceAllString(strings.ToUpper(name[:1])+name[1:], "")
		for _, e := range dest.Endpoints {
			label := map[string]string{"HLS": "HlsUrl", "CMAF_HLS": "CmafHlsUrl", "CMAF_DASH": "DashUrl", "LL_HLS": "LowLatencyHlsUrl"}[e.Format]
			out(pre+label, fmt.Sprintf("Channel %s: %s playback through CloudFront", name, e.Format), jsii.String(*l.CDN.BaseURL()+e.Manifest))
		}
		ad := l.Ads[i]
		rel := func(format string) string { return strings.TrimPrefix(dest.Endpoint(format).Manifest, dest.Path()+"/") }
		main := dest.MainHLS() // HLS (TS), or HLS (CMAF) for HEVC
		if ad != nil {
			out(pre+"AdsHlsUrl", "Channel "+name+": "+main.Format+" playback with ads (MediaTailor through CloudFront)", jsii.String(*ad.HLSPrefix()+rel(main.Format)))
			out(pre+"AdsDashUrl", "Channel "+name+": DASH playback with ads (MediaTailor through CloudFront)", jsii.String(*ad.DASHPrefix()+rel("CMAF_DASH")))
		}
		if l.Player != nil {
			u, desc := l.playerURL(dest, ad)
			out(pre+"PlayerUrl", "Channel "+name+": "+desc, jsii.String(u))
		}
		l.channelOutputs(out, ch)
	}
}

// channelOutputs are a channel's MediaLive outputs: its id, console and where its feed comes in.
func (l *LiveStack) channelOutputs(out func(id, desc string, value *string), ch *liveingest.Channel) {
	name := ch.Name()
	pre := outputIDRe.ReplaceAllString(strings.ToUpper(name[:1])+name[1:], "")
	out(pre+"ChannelId", "Channel "+name+": MediaLive channel id", ch.ChannelID())
	out(pre+"ConsoleUrl", "Channel "+name+": MediaLive console", jsii.String("https://console.aws.amazon.com/medialive/home?region="+*awscdk.Aws_REGION()+"#/channels/"+*ch.ChannelID()))
	if urls := ch.PushURLs(); urls != nil {
		out(pre+"IngestUrls", "Channel "+name+": push your encoder here (one URL per pipeline)", awscdk.Fn_Join(jsii.String(" "), urls))
	} else if sources := ch.Sources(); len(sources) > 0 {
		out(pre+"Sources", "Channel "+name+": what the channel pulls or calls (one per pipeline)", jsii.String(strings.Join(sources, " ")))
	}
}

// playerURL is the player page opened on a channel: its main HLS with the other formats one
// click away, each CMAF endpoint's Clear Key license route with the demo key server, and its
// ad-enabled streams with ads. With a DRM vendor's key provider the page opens the CMAF HLS and
// leaves the TS endpoint out: it carries FairPlay SAMPLE-AES only, which hls.js does not play
// ("MPEG-2 TS segments with FairPlay Streaming", hls.js README, not supported).
func (l *LiveStack) playerURL(dest *packaging.LiveChannel, ad *ads.Playback) (u, desc string) {
	base := *l.CDN.BaseURL()
	rel := func(format string) string { return strings.TrimPrefix(dest.Endpoint(format).Manifest, dest.Path()+"/") }
	main := dest.MainHLS() // HLS (TS), or HLS (CMAF) for HEVC
	if dest.DRM.On() && l.KeyServer == nil {
		main = dest.Endpoint("CMAF_HLS")
	}
	u = base + "/" + player.Prefix + "?url=" + base + main.Manifest
	if main.Format == "HLS" {
		u += "&alt.CMAF=" + base + dest.Endpoint("CMAF_HLS").Manifest
	}
	u += "&alt.DASH=" + base + dest.Endpoint("CMAF_DASH").Manifest
	desc = "the player page on this channel (" + main.Format + "; the other formats one click away)"
	if l.KeyServer != nil {
		// The demo's CMAF decrypts with the browser's Clear Key from the license route, each
		// endpoint's keys by its own content id (AES-128 HLS needs none).
		license := func(endpoint string) string { return keyserver.LicensePath + "/" + *dest.ContentID(endpoint) }
		if main.Format == "HLS" {
			u += "&clearkey.CMAF=" + license("cmaf-hls")
		} else {
			u += "&clearkey=" + license("cmaf-hls")
		}
		u += "&clearkey.DASH=" + license("cmaf-dash")
		desc += "; CMAF decrypted with Clear Key from the demo key server"
	} else if dest.DRM.On() {
		desc += "; add your DRM vendor's license URLs: &widevine=, &playready=, &fairplay= with &fairplaycert="
	}
	if ad != nil {
		u += "&ads=" + *ad.HLSPrefix() + rel(main.Format)
		if main.Format == "HLS" {
			u += "&ads.CMAF=" + *ad.HLSPrefix() + rel("CMAF_HLS")
		}
		u += "&ads.DASH=" + *ad.DASHPrefix() + rel("CMAF_DASH")
		desc += "; its Ads switch plays the same through MediaTailor"
	}
	return u, desc
}

// keyServerOrigin is the demo key server's player routes as a distribution's origin.
func keyServerOrigin(k *keyserver.KeyServer) *cdn.KeyServerOrigin {
	return &cdn.KeyServerOrigin{DomainName: k.Domain(), OriginPath: k.OriginPath(), Header: keys.OriginHeader, HeaderValue: k.OriginHeaderValue(),
		KeyPath: keyserver.KeyPath, LicensePath: keyserver.LicensePath}
}
