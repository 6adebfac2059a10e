package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/ads"
	"github.com/streamcdk/streamcdk/constructs/cdn"
	"github.com/streamcdk/streamcdk/constructs/contract"
	"github.com/streamcdk/streamcdk/constructs/keyserver"
	"github.com/streamcdk/streamcdk/constructs/mezzanine"
	"github.com/streamcdk/streamcdk/constructs/ops"
	"github.com/streamcdk/streamcdk/constructs/packaging"
	"github.com/streamcdk/streamcdk/constructs/player"
	"github.com/streamcdk/streamcdk/constructs/transcode"
	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// VodStackProps configures NewVodStack. The zero value deploys every default.
type VodStackProps struct {
	// StackProps are passed to the stack (environment, tags, synthesizer...).
	StackProps awscdk.StackProps
	// Mezzanine configures the source bucket.
	Mezzanine mezzanine.BucketProps
	// Pipeline configures the transcode pipeline. With MediaPackage, empty Encoding.Formats
	// become [HLS].
	Pipeline transcode.PipelineOptions
	// MediaPackage turns on MediaPackage VOD packaging (HLS, DASH and CMAF from one HLS
	// rendition set). When Pipeline.Encoding.Formats is empty it becomes [HLS]. Default: false.
	MediaPackage bool
	// CDNIdentifier configures the CDN identifier MediaPackage checks (with MediaPackage);
	// SecretVersionID pins the version CloudFront sends (rotation). Default: a generated secret.
	CDNIdentifier cdn.IdentifierOptions
	// Packaging configures the packaging group (with MediaPackage).
	Packaging packaging.VodOptions
	// CDN configures the distribution's viewer-facing settings.
	CDN cdn.Options
	// CertificateArn imports the ACM certificate (us-east-1) covering CDN.DomainNames by its
	// ARN, instead of CDN.Certificate (giving both is an error); it exists for configuration from
	// CDK context. Default: none.
	CertificateArn string
	// OutputEncryption encrypts the renditions with S3-managed keys or with a customer-managed
	// KMS key the stack creates (OutputKey). Default: transcode.OutputEncryptionS3.
	OutputEncryption transcode.OutputEncryption
	// WithoutPlayer leaves out the player page (served at /player/ by default).
	WithoutPlayer bool
	// PlayerNodeModules is a node_modules holding hls.js and dash.js for the page. Default: the
	// streamcdk source tree's (see player.SiteProps.NodeModules).
	PlayerNodeModules string
	// Ads turns on server-side ad insertion when Ads.AdDecisionServerURL is set (ads.Demo: the
	// stack serves a demo VAST): a MediaTailor playback configuration in front of the
	// distribution, whose ad-enabled URLs every job's playback URLs include. Mid-roll positions
	// are Pipeline.Encoding.AdBreaks. Default: no ads.
	Ads ads.PlaybackOptions
	// KeyProviderRoleArn imports the role MediaPackage assumes to call the DRM key provider of
	// Packaging.DRM (the provider's role, trusting mediapackage.amazonaws.com). Required with
	// a key provider of your own.
	KeyProviderRoleArn string
	// DemoKeyServer deploys the demo key server (constructs/keyserver) and encrypts the
	// packaged CMAF HLS and DASH with its keys (Widevine signaled; players decrypt with the
	// browser's Clear Key from its license route). Needs MediaPackage. For development and
	// testing: Clear Key is not a commercial DRM. Default: false.
	DemoKeyServer bool
	// SourceKMSKeyArn imports the KMS key that encrypts the mezzanine bucket, instead of
	// Mezzanine.EncryptionKey (giving both is an error); it exists for configuration from CDK
	// context. Default: none.
	SourceKMSKeyArn string
}

// VodStack is the video-on-demand stack.
type VodStack struct {
	// Stack is the CloudFormation stack.
	Stack awscdk.Stack
	// Mezzanine is the source bucket.
	Mezzanine *mezzanine.Bucket
	// Outputs is the bucket MediaConvert writes renditions to.
	Outputs awss3.Bucket
	// OutputKey encrypts Outputs; nil unless OutputEncryption is KMS.
	OutputKey awskms.Key
	// Identifier is the CDN identifier secret; nil without MediaPackage.
	Identifier *cdn.Identifier
	// Packaging is the MediaPackage VOD packaging group; nil without MediaPackage.
	Packaging *packaging.Vod
	// KeyProviderRole is the DRM key provider's role (imported, or the demo key server's); nil
	// without DRM.
	KeyProviderRole awsiam.IRole
	// KeyServer is the demo key server; nil without DemoKeyServer.
	KeyServer *keyserver.KeyServer
	// CDN is the CloudFront distribution.
	CDN *cdn.VodDistribution
	// Pipeline is the transcode pipeline.
	Pipeline *transcode.Pipeline
	// Player is the player page; nil with WithoutPlayer.
	Player *player.Site
	// Ads is the MediaTailor playback configuration; nil without ads.
	Ads *ads.Playback
	// Dashboard shows the workflow, MediaConvert, the queues, the distribution and the alarms.
	Dashboard awscloudwatch.Dashboard
}

// NewVodStack defines the VoD stack. props may be nil.
func NewVodStack(scope constructs.Construct, id string, props *VodStackProps) *VodStack {
	if props == nil {
		props = &VodStackProps{}
	}
	if err := props.Validate(); err != nil {
		panic(err)
	}
	s := newStack(scope, id, props.StackProps, "StreamCDK video on demand: mezzanine bucket, MediaConvert pipeline, optional MediaPackage VOD, CloudFront")
	v := &VodStack{Stack: s}
	sourceKey := v.addStorage(props)
	cp := cdn.VodDistributionProps{Options: cdnOptions(v.Stack, props.CDN, props.CertificateArn), OutputBucket: v.Outputs}
	pp := transcode.PipelineProps{PipelineOptions: props.Pipeline}
	if props.MediaPackage {
		v.addPackaging(props, &cp, &pp)
	}
	v.addDelivery(props, &cp, &pp)
	pp.Source, pp.SourceEncryptionKey, pp.OutputBucket = v.Mezzanine.Bucket, sourceKey, v.Outputs
	pp.PlaybackBaseURL = *v.CDN.BaseURL()
	if v.Player != nil {
		pp.PlayerURL = *v.CDN.BaseURL() + "/" + player.Prefix
	}
	within("Pipeline", func() { v.Pipeline = transcode.NewPipeline(s, "Transcode", &pp) })
	v.Dashboard = ops.NewDashboard(s, "Dashboard", *s.StackName()+"-operations",
		[]awscloudwatch.IWidget{ops.Header("### Transcoding")}, v.Pipeline.Widgets(),
		[]awscloudwatch.IWidget{ops.Header("### Delivery")}, v.CDN.Widgets(),
		[]awscloudwatch.IWidget{ops.AlarmStatus("Alarms", v.Pipeline.Alarms)})
	v.addOutputs(pp.PlayerURL)
	return v
}

// addStorage makes the mezzanine bucket (its key imported by ARN when given so) and the
// output bucket (with its own key for KMS outputs); it returns the mezzanine bucket's key.
func (v *VodStack) addStorage(props *VodStackProps) awskms.IKey {
	s := v.Stack
	mp := props.Mezzanine
	if props.SourceKMSKeyArn != "" { // Validate: not beside Mezzanine.EncryptionKey
		mp.EncryptionKey = awskms.Key_FromKeyArn(s, jsii.String("SourceKey"), jsii.String(props.SourceKMSKeyArn))
	}
	within("Mezzanine", func() { v.Mezzanine = mezzanine.NewBucket(s, "Mezzanine", &mp) })
	op := &transcode.OutputBucketProps{LogsBucket: v.Mezzanine.LogsBucket, RemovalPolicy: props.Mezzanine.RemovalPolicy}
	if props.OutputEncryption == transcode.OutputEncryptionKMS {
		v.OutputKey = awskms.NewKey(s, jsii.String("OutputKey"), &awskms.KeyProps{
			Description:       jsii.String("Encrypts the StreamCDK VoD renditions"),
			EnableKeyRotation: jsii.Bool(true),
			RemovalPolicy:     storageRemoval(props.Mezzanine.RemovalPolicy),
		})
		op.EncryptionKey = v.OutputKey
	}
	v.Outputs = transcode.NewOutputBucket(s, "Outputs", op)
	return mp.EncryptionKey
}

// addPackaging makes the CDN identifier and the MediaPackage VOD group, and wires them to the
// distribution and the pipeline (which then writes HLS unless told otherwise).
func (v *VodStack) addPackaging(props *VodStackProps, cp *cdn.VodDistributionProps, pp *transcode.PipelineProps) {
	s := v.Stack
	ip := cdn.IdentifierProps{IdentifierOptions: props.CDNIdentifier, Version: cdn.MediaPackageV1}
	within("CDNIdentifier", func() { v.Identifier = cdn.NewIdentifier(s, "CdnIdentifier", &ip) })
	kp := packaging.VodProps{VodOptions: props.Packaging, SourceBucket: v.Outputs, CDNIdentifierSecret: v.Identifier.Secret}
	v.addDRM(props, &kp, cp, pp)
	within("Packaging", func() { v.Packaging = packaging.NewVod(s, "Packaging", &kp) })
	cp.MediaPackage = &cdn.MediaPackageOrigin{DomainName: v.Packaging.DomainName(), Identifier: v.Identifier}
	pp.Packaging = v.Packaging
	pp.Encoding = props.encoding()
}

// addDRM gives the packaging group its key provider (the demo key server, made here, or the
// user's with their role) and keeps the clear renditions off the distribution; with the demo,
// the distribution routes the key server's license path and player links name it.
func (v *VodStack) addDRM(props *VodStackProps, kp *packaging.VodProps, cp *cdn.VodDistributionProps, pp *transcode.PipelineProps) {
	if props.DemoKeyServer {
		within("KeyServer", func() { v.KeyServer = keyserver.New(v.Stack, "KeyServer", nil) })
		kp.DRM.KeyProviderURL, kp.DRM.Systems = *v.KeyServer.SPEKEURL(), keyserver.DemoSystems
		v.KeyProviderRole = v.KeyServer.MediaPackageRole
		cp.KeyServer = keyServerOrigin(v.KeyServer)
		pp.ClearKeyLicensePath = keyserver.LicensePath
	} else if kp.DRM.On() {
		v.KeyProviderRole = awsiam.Role_FromRoleArn(v.Stack, jsii.String("KeyProviderRole"), jsii.String(props.KeyProviderRoleArn), &awsiam.FromRoleArnOptions{Mutable: jsii.Bool(false)})
	}
	if kp.DRM.On() {
		kp.KeyProviderRole = v.KeyProviderRole
		cp.PrivateOutputs, pp.PrivateOutputs = true, true
	}
}

// encoding is the pipeline's encoding as the stack gives it: with MediaPackage, no formats
// given means HLS (what MediaPackage VOD ingests).
func (p *VodStackProps) encoding() jobspec.Spec {
	e := p.Pipeline.Encoding
	if p.MediaPackage && len(e.Formats) == 0 {
		e.Formats = []jobspec.Format{jobspec.HLS}
	}
	return e
}

// addDelivery makes the player page, the distribution and, with ads, the MediaTailor
// configuration whose ad-enabled prefixes the pipeline's playback URLs include.
func (v *VodStack) addDelivery(props *VodStackProps, cp *cdn.VodDistributionProps, pp *transcode.PipelineProps) {
	s := v.Stack
	demo := props.Ads.AdDecisionServerURL == ads.Demo
	if !props.WithoutPlayer {
		v.Player = player.NewSite(s, "Player", &player.SiteProps{LogsBucket: v.Mezzanine.LogsBucket, NodeModules: props.PlayerNodeModules, Files: demoFiles(demo)})
		cp.PlayerBucket = v.Player.Bucket
	}
	cp.AdInsertion = props.Ads.AdDecisionServerURL != ""
	within("CDN", func() { v.CDN = cdn.NewVodDistribution(s, "Cdn", cp) })
	if v.Player != nil {
		v.Player.Deploy(v.CDN.Distribution)
	}
	if !cp.AdInsertion {
		return
	}
	// MediaTailor reads the outputs (and MediaPackage's, under /out/v1/) through CloudFront.
	ap := ads.PlaybackProps{PlaybackOptions: props.Ads, ContentSourceURL: jsii.String(*v.CDN.BaseURL() + "/"), CDNBaseURL: v.CDN.BaseURL()}
	if demo {
		ap.AdDecisionServerURL = serveDemo(v.Player, *v.CDN.BaseURL())
	}
	within("Ads", func() { v.Ads = ads.NewPlayback(s, "Ads", &ap) })
	v.CDN.AdRoutes.Allow(*v.Ads.Configuration.Name())
	pp.AdsHLSPrefix, pp.AdsDASHPrefix = *v.Ads.HLSPrefix(), *v.Ads.DASHPrefix()
}

// addOutputs are the stack's outputs: where to upload, where playback is, what to watch.
func (v *VodStack) addOutputs(playerURL string) {
	out := func(id, desc string, value *string) { output(v.Stack, id, desc, value) }
	out("DashboardUrl", "The operations dashboard", dashboardURL(v.Dashboard))
	out("MezzanineBucketName", "Upload source videos here", v.Mezzanine.Bucket.BucketName())
	out("OutputBucketName", "Renditions are written here", v.Outputs.BucketName())
	out("CloudFrontDomainName", "Playback domain", v.CDN.DomainName())
	served := playbackURLs(v.Pipeline.Spec)
	if v.KeyProviderRole != nil {
		served = nil // the renditions are private
		out("PlaybackUrls", "Encrypted CMAF HLS and DASH from MediaPackage (the renditions are not served): each job's record and notification carry their URLs and a player link", jsii.String(*v.CDN.BaseURL()+"/out/v1/..."))
	}
	for _, u := range served {
		out(u.id, u.desc+" of an upload (<base> is its key without the source prefix, the extension's dot a hyphen: show/ep1.mov -> show/ep1-mov)", jsii.String(*v.CDN.BaseURL()+"/<base>/"+u.path))
		if v.Ads != nil && u.id != "PlaybackUrlMp4" {
			prefix := v.Ads.HLSPrefix()
			if u.id == "PlaybackUrlCmafDash" {
				prefix = v.Ads.DASHPrefix()
			}
			out("Ads"+u.id, u.desc+" with ads (MediaTailor through CloudFront)", jsii.String(*prefix+"<base>/"+u.path))
		}
	}
	out("JobsTableName", "One item per transcode job", v.Pipeline.Table.TableName())
	out("NotificationsTopicArn", "Completion and failure notifications", v.Pipeline.Topic.TopicArn())
	out("CompletionsQueueUrl", "Completion and failure records", v.Pipeline.Queue.QueueUrl())
	out("StateMachineArn", "Transcode workflow", v.Pipeline.StateMachine.StateMachineArn())
	if v.Ads != nil {
		out("MediaTailorAccountHash", "MediaTailor's id of this account: set vod:mediaTailorAccountHash to it so the ad routes admit only this account's configurations", v.Ads.AccountHash())
	}
	if v.Player != nil {
		out("PlayerUrl", "The player page; each job's playback URLs carry a player link opened on its title", jsii.String(playerURL))
	}
	if v.Packaging != nil {
		out("PackagingGroupId", "MediaPackage VOD packaging group (egress served under /out/v1/ on the CloudFront domain)", v.Packaging.PackagingGroup.Id())
	}
}

// RuntimeCalls lists the calls the stack's code and the roles it passes make at run time (see
// package contract); the calls its workflow, alarms, rules and distribution make follow from
// the synthesized template.
func (v *VodStack) RuntimeCalls() []contract.Call {
	calls := v.Pipeline.RuntimeCalls()
	if v.Packaging != nil {
		calls = append(calls, v.Packaging.RuntimeCalls()...)
	}
	if v.KeyServer != nil {
		calls = append(calls, v.KeyServer.RuntimeCalls()...)
	}
	if v.Player != nil {
		calls = append(calls, v.Player.RuntimeCalls(assetObject(), v.CDN.Distribution.DistributionArn())...)
	}
	return calls
}

// validate checks what involves more than one construct, before anything is created.
func (p *VodStackProps) validate() error {
	if err := validate.OneOfOrDefault("stacks", "OutputEncryption", p.OutputEncryption, transcode.OutputEncryptions); err != nil {
		return err
	}
	if err := p.Ads.CheckOff(); err != nil {
		return validate.Nest("stacks", "Ads", err)
	}
	if err := checkDemo(p.Ads.AdDecisionServerURL, "Ads.AdDecisionServerURL", p.WithoutPlayer); err != nil {
		return err
	}
	if err := p.checkSourceKey(); err != nil {
		return err
	}
	if p.CDNIdentifier.Secret != nil && !p.MediaPackage {
		return validate.Invalid("stacks", "CDNIdentifier.Secret", validate.NoValue, "applies to MediaPackage's CDN identifier; turn on {MediaPackage} or remove it")
	}
	if v := p.CDNIdentifier.SecretVersionID; v != "" && !p.MediaPackage {
		return validate.Invalid("stacks", "CDNIdentifier.SecretVersionID", v, "applies to MediaPackage's CDN identifier; turn on {MediaPackage} or remove it")
	}
	e := p.Pipeline.Encoding
	if p.MediaPackage && len(e.Formats) == 0 && e.Codec == jobspec.H265 {
		return validate.Invalid("stacks", "MediaPackage", true, "needs HLS (TS) renditions to package, which {Pipeline.Encoding.Codec} %s cannot have (%s); use %s", jobspec.H265, jobspec.TransportStreamRule, jobspec.H264)
	}
	return nil
}

// checkSourceKey checks the mezzanine key's ARN, given instead of (not beside) the key itself.
func (p *VodStackProps) checkSourceKey() error {
	arn := p.SourceKMSKeyArn
	switch {
	case arn == "":
		return nil
	case p.Mezzanine.EncryptionKey != nil:
		return validate.Invalid("stacks", "SourceKMSKeyArn", arn, "and {Mezzanine.EncryptionKey} both name the mezzanine bucket's key; give one")
	case !*awscdk.Token_IsUnresolved(jsii.String(arn)) && !kmsKeyRe.MatchString(arn):
		return validate.Invalid("stacks", "SourceKMSKeyArn", arn, "is not allowed; use a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)")
	}
	return nil
}

// storageRemoval is the removal policy of what holds or protects user data: RETAIN unless set.
func storageRemoval(r awscdk.RemovalPolicy) awscdk.RemovalPolicy {
	if r == "" {
		return awscdk.RemovalPolicy_RETAIN
	}
	return r
}

// within reports a construct's *validate.Error relative to the stack's props (field prefix).
func within(prefix string, f func()) { validate.Within("stacks", prefix, f) }

// playbackURL is the URL pattern of one manifest (or file) kind, relative to the output base.
type playbackURL struct{ id, desc, path string }

// playbackURLs lists the manifest URL patterns of the configured formats, one output each.
func playbackURLs(s jobspec.Spec) []playbackURL {
	var out []playbackURL
	for _, f := range []struct {
		format jobspec.Format
		urls   []playbackURL
	}{
		{jobspec.CMAF, []playbackURL{{"PlaybackUrlCmafHls", "HLS (CMAF) playlist", "cmaf/index.m3u8"}, {"PlaybackUrlCmafDash", "DASH (CMAF) manifest", "cmaf/index.mpd"}}},
		{jobspec.HLS, []playbackURL{{"PlaybackUrlHls", "HLS (TS) playlist", "hls/index.m3u8"}}},
		{jobspec.MP4, []playbackURL{{"PlaybackUrlMp4", "Progressive MP4 files (index_<W>x<H>_<kbps>k.mp4)", "mp4/"}}},
	} {
		if s.Has(f.format) {
			out = append(out, f.urls...)
		}
	}
	return out
}
