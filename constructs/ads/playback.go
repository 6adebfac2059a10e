package ads

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmediatailor"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/validate"
)

// Suppression modes of AvailSuppression.Mode: MediaTailor leaves ad breaks (avails) that
// start before (behind) or after the live edge minus Seconds unfilled.
const (
	SuppressionOff            = "OFF"
	SuppressionBehindLiveEdge = "BEHIND_LIVE_EDGE"
	SuppressionAfterLiveEdge  = "AFTER_LIVE_EDGE"
)

// Fill policies of AvailSuppression.FillPolicy.
const (
	FillFullAvailOnly = "FULL_AVAIL_ONLY"
	FillPartialAvail  = "PARTIAL_AVAIL"
)

// SuppressionModes and FillPolicies list the allowed values, for callers that accept any case.
var (
	SuppressionModes = []string{SuppressionOff, SuppressionBehindLiveEdge, SuppressionAfterLiveEdge}
	FillPolicies     = []string{FillFullAvailOnly, FillPartialAvail}
)

// AvailSuppression says which live ad breaks a session joining mid-stream gets ads in. The
// zero value is OFF: every break is filled.
type AvailSuppression struct {
	// Mode is OFF, BEHIND_LIVE_EDGE or AFTER_LIVE_EDGE. Default: OFF.
	Mode string
	// Seconds is the distance from the live edge the mode is measured at (0 to 86399). Default: 0.
	Seconds int
	// FillPolicy is FULL_AVAIL_ONLY or PARTIAL_AVAIL (fill the rest of a break already under
	// way, AFTER_LIVE_EDGE only). Default: FULL_AVAIL_ONLY.
	FillPolicy string
}

// PlaybackOptions are the ad settings a user chooses (the stacks take them as they are).
type PlaybackOptions struct {
	// AdDecisionServerURL is the VAST/VMAP ad server MediaTailor asks for each break; MediaTailor
	// fills the [variables] it knows (see CheckServerURL). Required.
	AdDecisionServerURL string
	// SlateAdURL is an MP4 (https) MediaTailor plays where ads do not fill a live break.
	// Default: none (the content shows through).
	SlateAdURL string
	// PersonalizationThresholdSeconds is the unfilled time of a live break MediaTailor accepts:
	// when its ads leave more of the break unfilled, it abandons them and the underlying content
	// shows (1-3600). Default: none.
	PersonalizationThresholdSeconds int
	// AvailSuppression leaves breaks near the live edge unfilled for new sessions. Default: off.
	AvailSuppression AvailSuppression
}

// PlaybackProps configures NewPlayback: the options and what the configuration is wired to.
type PlaybackProps struct {
	PlaybackOptions
	// ContentSourceURL is where MediaTailor fetches the content's manifests: the CloudFront URL
	// of the content's folder, ending in / (https://<distribution>/out/v1/<group>/<channel>/ for
	// a live channel, https://<distribution>/ for VoD outputs). MediaTailor also writes it as the
	// content segments' prefix (and DASH's BaseURL, hence the slash). Required.
	ContentSourceURL *string
	// CDNBaseURL is https://<distribution domain>: the manifests MediaTailor writes point
	// players there for content and ad segments, so every request goes through CloudFront
	// (which needs cdn.Served.AdInsertion). Required.
	CDNBaseURL *string
	// Live says the source is live: a VOD source gets no avail suppression or slate settings.
	Live bool
}

// Playback is a MediaTailor playback configuration.
type Playback struct {
	// Configuration is the MediaTailor playback configuration.
	Configuration awsmediatailor.CfnPlaybackConfiguration
	props         PlaybackProps
}

// Validate returns the *validate.Error NewPlayback would panic with for these props, without
// creating anything.
func (p *PlaybackProps) Validate() error {
	if err := p.PlaybackOptions.Validate(p.Live); err != nil {
		return err
	}
	if p.ContentSourceURL == nil || p.CDNBaseURL == nil {
		return validate.Invalid("ads", "ContentSourceURL", validate.NoValue, "and {CDNBaseURL} are required")
	}
	return nil
}

// Validate returns the *validate.Error NewPlayback would panic with for these options, for a
// live source or a VOD one, without creating anything.
func (o *PlaybackOptions) Validate(live bool) error {
	bad := func(field string, v any, problem string, args ...any) error {
		return validate.Invalid("ads", field, v, problem, args...)
	}
	if o.AdDecisionServerURL == "" {
		return bad("AdDecisionServerURL", validate.NoValue, "is required")
	}
	if o.AdDecisionServerURL == Demo {
		return bad("AdDecisionServerURL", Demo, "is served by the stacks (VodStackProps/LiveChannelConfig.Ads); give a construct the URL of the demo VAST document instead")
	}
	if !*awscdk.Token_IsUnresolved(jsii.String(o.AdDecisionServerURL)) { // e.g. the stack's own demo server
		if err := CheckServerURL("ads", "AdDecisionServerURL", o.AdDecisionServerURL); err != nil {
			return err
		}
	}
	if o.SlateAdURL != "" {
		if !live {
			return bad("SlateAdURL", o.SlateAdURL, "only applies to live sources")
		}
		if err := CheckSlateURL("ads", "SlateAdURL", o.SlateAdURL); err != nil {
			return err
		}
	}
	if err := validate.InRange("ads", "PersonalizationThresholdSeconds", o.PersonalizationThresholdSeconds, 1, 3600, "seconds", true); err != nil {
		return err
	}
	if o.AvailSuppression != (AvailSuppression{}) && !live {
		return bad("AvailSuppression", validate.NoValue, "only applies to live sources")
	}
	return o.AvailSuppression.validate()
}

func (a AvailSuppression) validate() error {
	bad := func(field string, v any, problem string, args ...any) error {
		return validate.Invalid("ads", "AvailSuppression."+field, v, problem, args...)
	}
	if a.Mode != "" {
		if err := validate.OneOf("ads", "AvailSuppression.Mode", a.Mode, SuppressionModes); err != nil {
			return err
		}
	}
	if a.FillPolicy != "" {
		if err := validate.OneOf("ads", "AvailSuppression.FillPolicy", a.FillPolicy, FillPolicies); err != nil {
			return err
		}
	}
	if err := validate.InRange("ads", "AvailSuppression.Seconds", a.Seconds, 0, 86399, "seconds", false); err != nil {
		return err
	}
	// "BEHIND_LIVE_EDGE will always use the full avail suppression policy. AFTER_LIVE_EDGE mode
	// can be used to invoke partial ad break fills when a session starts mid-break."
	// (https://docs.aws.amazon.com/mediatailor/latest/apireference/API_AvailSuppression.html)
	if a.FillPolicy == FillPartialAvail && a.Mode != SuppressionAfterLiveEdge {
		return bad("FillPolicy", a.FillPolicy, "needs {AvailSuppression.Mode} %s (MediaTailor fills part of a break only after the live edge; %s always suppresses whole breaks)", SuppressionAfterLiveEdge, SuppressionBehindLiveEdge)
	}
	if (a.Mode == "" || a.Mode == SuppressionOff) && a.Seconds != 0 {
		return bad("Seconds", a.Seconds, "needs {AvailSuppression.Mode} %s or %s", SuppressionBehindLiveEdge, SuppressionAfterLiveEdge)
	}
	return nil
}

// CheckOff refuses settings given while AdDecisionServerURL is empty (ads off): they would do
// nothing. Its error is a *validate.Error relative to PlaybackOptions.
func (p *PlaybackOptions) CheckOff() error {
	if p.AdDecisionServerURL != "" {
		return nil
	}
	needs := "needs {AdDecisionServerURL}"
	switch {
	case p.SlateAdURL != "":
		return validate.Invalid("ads", "SlateAdURL", p.SlateAdURL, needs)
	case p.PersonalizationThresholdSeconds != 0:
		return validate.Invalid("ads", "PersonalizationThresholdSeconds", p.PersonalizationThresholdSeconds, needs)
	case p.AvailSuppression != (AvailSuppression{}):
		return validate.Invalid("ads", "AvailSuppression", validate.NoValue, needs)
	}
	return nil
}

// Origin DASH layouts of DashConfiguration.OriginManifestType: "If your origin server produces
// single-period manifests, set this to SINGLE_PERIOD. The default setting is MULTI_PERIOD."
// (https://docs.aws.amazon.com/mediatailor/latest/apireference/API_DashConfiguration.html).
// aws-sdk-go-v2 has no MediaTailor module on the Go proxy here, so these are the API
// reference's values.
const (
	OriginSinglePeriod = "SINGLE_PERIOD"
	OriginMultiPeriod  = "MULTI_PERIOD"
)

// originManifestType is the DASH the content source writes: MediaConvert's on-demand DASH (the
// VoD playback's ads.DASH) is one period; MediaPackage v2's live DASH starts a period at each
// SCTE-35 ad marker.
func originManifestType(live bool) string {
	if live {
		return OriginMultiPeriod
	}
	return OriginSinglePeriod
}

// NewPlayback defines a MediaTailor playback configuration whose manifests, ad segments and
// content segments are all served through the distribution at CDNBaseURL.
func NewPlayback(scope constructs.Construct, id string, props *PlaybackProps) *Playback {
	if props == nil {
		props = &PlaybackProps{}
	}
	if err := props.Validate(); err != nil {
		panic(err)
	}
	c := constructs.NewConstruct(scope, &id)
	cp := &awsmediatailor.CfnPlaybackConfigurationProps{
		Name:                  awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(64)}),
		AdDecisionServerUrl:   jsii.String(props.AdDecisionServerURL),
		VideoContentSourceUrl: props.ContentSourceURL,
		CdnConfiguration: &awsmediatailor.CfnPlaybackConfiguration_CdnConfigurationProperty{
			AdSegmentUrlPrefix:      props.CDNBaseURL,
			ContentSegmentUrlPrefix: props.ContentSourceURL,
		},
		// One DASH manifest, no per-period Location: the player keeps asking CloudFront. The
		// origin's period layout (OriginManifestType).
		DashConfiguration: &awsmediatailor.CfnPlaybackConfiguration_DashConfigurationProperty{MpdLocation: jsii.String("DISABLED"), OriginManifestType: jsii.String(originManifestType(props.Live))},
	}
	if props.SlateAdURL != "" {
		cp.SlateAdUrl = jsii.String(props.SlateAdURL)
	}
	if props.PersonalizationThresholdSeconds > 0 {
		cp.PersonalizationThresholdSeconds = jsii.Number(float64(props.PersonalizationThresholdSeconds))
	}
	if a := props.AvailSuppression; a.Mode != "" && a.Mode != SuppressionOff {
		fill := a.FillPolicy
		if fill == "" {
			fill = FillFullAvailOnly
		}
		cp.AvailSuppression = &awsmediatailor.CfnPlaybackConfiguration_AvailSuppressionProperty{
			Mode:       jsii.String(a.Mode),
			Value:      jsii.String(fmt.Sprintf("%02d:%02d:%02d", a.Seconds/3600, a.Seconds/60%60, a.Seconds%60)),
			FillPolicy: jsii.String(fill),
		}
	}
	return &Playback{Configuration: awsmediatailor.NewCfnPlaybackConfiguration(c, jsii.String("Resource"), cp), props: *props}
}

// HLSPrefix is the ad-enabled HLS URL prefix on the distribution: append a manifest's path
// relative to ContentSourceURL (e.g. <endpoint>/index.m3u8).
func (p *Playback) HLSPrefix() *string {
	return p.through("/v1/master/", p.Configuration.AttrHlsConfigurationManifestEndpointPrefix())
}

// DASHPrefix is the ad-enabled DASH URL prefix on the distribution, like HLSPrefix.
func (p *Playback) DASHPrefix() *string {
	return p.through("/v1/dash/", p.Configuration.AttrDashConfigurationManifestEndpointPrefix())
}

// SessionPrefix is the prefix a player posts to for a session with client-side reporting
// (POST <prefix><manifest path>), on the distribution.
func (p *Playback) SessionPrefix() *string {
	return p.through("/v1/session/", p.Configuration.AttrSessionInitializationEndpointPrefix())
}

// through rewrites MediaTailor's own https://<id>.mediatailor.<region>.amazonaws.com<path><rest>
// as CDNBaseURL<path><rest>.
func (p *Playback) through(path string, prefix *string) *string {
	rest := awscdk.Fn_Select(jsii.Number(1), awscdk.Fn_Split(jsii.String(path), prefix, jsii.Number(2)))
	return awscdk.Fn_Join(jsii.String(""), &[]*string{p.props.CDNBaseURL, jsii.String(path), rest})
}

// AccountHash is MediaTailor's hashed id of the account, as the configuration's URLs carry it
// (https://<host>/v1/master/<hash>/<name>/): what cdn.Options.MediaTailorAccountHash takes.
func (p *Playback) AccountHash() *string {
	return awscdk.Fn_Select(jsii.Number(5), awscdk.Fn_Split(jsii.String("/"), p.Configuration.AttrHlsConfigurationManifestEndpointPrefix(), nil))
}
