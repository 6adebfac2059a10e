package cdn

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	cf "github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/validate"
)

// LiveDistributionProps configures NewLiveDistribution.
type LiveDistributionProps struct {
	// MediaPackage is the MediaPackage v2 channel group's egress with the CDN identifier
	// (cdn.MediaPackageV2). Required.
	MediaPackage *MediaPackageOrigin
	// TimeShift keeps the start and end query strings (startover and catch-up windows) in the
	// cache key; set it when an endpoint has a startover window. Default: false.
	TimeShift bool
	// Options are the viewer-facing settings shared with the VoD distribution.
	Options
	// Served adds the player page and the ad routes.
	Served
}

// MediaPackageV2QueryStrings are the query strings the live cache key keeps, as MediaPackage
// v2's CDN guidance lists them: "aws.manifestfilter, aws.manifestsettings, _HLS_msn and
// _HLS_part ... MediaPackage ignores all other query strings. Don't include them in the CDN
// forward requests." (https://docs.aws.amazon.com/mediapackage/latest/userguide/cdn-recommendations.html);
// start and end (time-shifted playback) only with a startover window. Others (a viewer's
// ?m=<random>) neither split the cache nor reach the origin.
func MediaPackageV2QueryStrings(timeShift bool) []string {
	qs := []string{"aws.manifestfilter", "aws.manifestsettings", "_HLS_msn", "_HLS_part"}
	if timeShift {
		qs = append(qs, "start", "end")
	}
	return qs
}

// LiveDistribution is the CloudFront distribution in front of MediaPackage v2.
type LiveDistribution struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// Distribution is the CloudFront distribution.
	Distribution cf.Distribution
	// ResponseHeaders is the CORS response headers policy of every behaviour.
	ResponseHeaders cf.ResponseHeadersPolicy
	// KeyGroup holds the signing public key; nil without SigningPublicKeyPem.
	KeyGroup cf.KeyGroup
	// LogsBucket receives the standard logs; LogsKey encrypts it (nil when LogsBucket was given).
	LogsBucket awss3.IBucket
	LogsKey    awskms.Key
	// AdRoutes are the MediaTailor behaviours; nil without AdInsertion. Allow each playback
	// configuration served through the distribution.
	AdRoutes *AdRoutes

	options Options
	// CachePolicy keys the query strings MediaPackage v2 uses (time-shift, manifest filters,
	// low-latency HLS directives), and no cookies.
	CachePolicy cf.CachePolicy
}

// liveErrorTTL is how long CloudFront caches an origin error: a live manifest missing for a
// moment must not stay missing for the default 10 s.
const liveErrorTTL = 1

// NewLiveDistribution defines the distribution: every path goes to MediaPackage v2, which
// checks the CDN identifier header CloudFront sends.
func NewLiveDistribution(scope constructs.Construct, id string, props *LiveDistributionProps) *LiveDistribution {
	if props == nil {
		props = &LiveDistributionProps{}
	}
	if err := props.Validate(); err != nil {
		panic(err)
	}
	c := constructs.NewConstruct(scope, &id)
	v := newViewer(c, &props.Options)
	d := &LiveDistribution{Construct: c, ResponseHeaders: v.headers, KeyGroup: v.keyGroup, options: props.Options}
	var errors []*cf.ErrorResponse
	for _, code := range []float64{400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504} {
		errors = append(errors, &cf.ErrorResponse{HttpStatus: jsii.Number(code), Ttl: awscdk.Duration_Seconds(jsii.Number(liveErrorTTL))})
	}
	behavior := v.mediaPackage(props.MediaPackage)
	// A custom policy, not the managed Elemental-MediaPackage one (which keys aws.manifestfilter,
	// start, end and m, and lacks aws.manifestsettings and the LL-HLS directives): exactly
	// MediaPackageV2QueryStrings.
	d.CachePolicy = cf.NewCachePolicy(c, jsii.String("LiveCache"), &cf.CachePolicyProps{
		Comment:                    jsii.String("MediaPackage v2 live: the query strings MediaPackage v2 reads (its CDN recommendations), no cookies"),
		QueryStringBehavior:        cf.CacheQueryStringBehavior_AllowList(*jsii.Strings(MediaPackageV2QueryStrings(props.TimeShift)...)...),
		HeaderBehavior:             cf.CacheHeaderBehavior_None(),
		CookieBehavior:             cf.CacheCookieBehavior_None(),
		MinTtl:                     awscdk.Duration_Seconds(jsii.Number(0)),
		DefaultTtl:                 awscdk.Duration_Seconds(jsii.Number(1)), // MediaPackage sends Cache-Control; without it, keep live fresh
		MaxTtl:                     awscdk.Duration_Days(jsii.Number(365)),
		EnableAcceptEncodingGzip:   jsii.Bool(true),
		EnableAcceptEncodingBrotli: jsii.Bool(true),
	})
	behavior.CachePolicy = d.CachePolicy
	d.Distribution = v.distribute(c, &props.Options, &props.Served, &cf.DistributionProps{
		Comment:         jsii.String("StreamCDK live playback"),
		DefaultBehavior: behavior,
		ErrorResponses:  &errors,
	}, "live")
	d.AdRoutes, d.LogsBucket, d.LogsKey = v.ads, v.logs, v.logsKey
	return d
}

// Validate returns the *validate.Error NewLiveDistribution would panic with for these props, without
// creating anything.
func (p *LiveDistributionProps) Validate() error {
	if p.MediaPackage == nil {
		return bad("MediaPackage", validate.NoValue, "is required (the MediaPackage v2 egress)")
	}
	if err := p.MediaPackage.validate(); err != nil {
		return err
	}
	// MediaPackage v2 checks its own header (X-MediaPackageV2-CDNIdentifier): a v1 identifier
	// would be sent under the v1 name and every request refused with 403.
	if id := p.MediaPackage.Identifier; id != nil && id.Version != MediaPackageV2 {
		return bad("MediaPackage.Identifier", string(id.Version), "is a MediaPackage %s identifier (header %s); MediaPackage v2 checks X-MediaPackageV2-CDNIdentifier: make it with IdentifierProps{Version: %s}", id.Version, id.HeaderName, MediaPackageV2)
	}
	return p.Options.Validate(p.AdInsertion)
}

// Metric is one of CloudFront's metrics of the distribution (Average over five minutes,
// labelled with its name): "Requests", "4xxErrorRate", "5xxErrorRate", "BytesDownloaded"; with
// the additional metrics also "CacheHitRate", "OriginLatency", "401ErrorRate"..., with the
// dimensions CloudFront publishes (the CDK's own helpers miss one), changed by props (statistic,
// period, label, ...; nil: none), for alarms of your own.
func (d *LiveDistribution) Metric(name string, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return metric(d.Distribution, name, props)
}

// Widgets are the distribution's dashboard widgets (requests, error rates, cache hit rate).
func (d *LiveDistribution) Widgets() []awscloudwatch.IWidget {
	return widgets(d.Distribution, &d.options)
}

// PriceClass is the distribution's price class.
func (d *LiveDistribution) PriceClass() string { return priceClass(&d.options) }

// DomainName is the distribution's domain name.
func (d *LiveDistribution) DomainName() *string { return d.Distribution.DistributionDomainName() }

// BaseURL is https://<domain>, the base of every playback URL.
func (d *LiveDistribution) BaseURL() *string { return baseURL(d.Distribution, &d.options) }
