package cdn

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"

	cf "github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/validate"
)

// VodDistributionProps configures NewVodDistribution.
type VodDistributionProps struct {
	// OutputBucket holds the renditions; CloudFront reads it with Origin Access Control. Required.
	OutputBucket awss3.IBucket
	// MediaPackage adds a MediaPackage VOD origin and behaviour. Default: none.
	MediaPackage *MediaPackageOrigin
	// PrivateOutputs keeps OutputBucket off the distribution: MediaPackage is the default
	// behaviour and no path reaches the renditions (with DRM, MediaPackage encrypts what it
	// packages from them: served, the clear renditions would undo it). Needs MediaPackage.
	// Default: false (the renditions are served, MediaPackage under its path pattern).
	PrivateOutputs bool
	// Options are the viewer-facing settings shared with the live distribution.
	Options
	// Served adds the player page and the ad routes.
	Served
}

// VodDistribution is the CloudFront distribution that serves VoD outputs.
type VodDistribution struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// Distribution is the CloudFront distribution.
	Distribution cf.Distribution
	// ResponseHeaders is the CORS response headers policy of every behaviour.
	ResponseHeaders cf.ResponseHeadersPolicy
	// LogsBucket receives the standard logs; LogsKey encrypts it (nil when LogsBucket was given).
	LogsBucket awss3.IBucket
	LogsKey    awskms.Key
	// KeyGroup holds the signing public key; nil without SigningPublicKeyPem.
	KeyGroup cf.KeyGroup
	// AdRoutes are the MediaTailor behaviours; nil without AdInsertion. Allow each playback
	// configuration served through the distribution.
	AdRoutes *AdRoutes

	options Options
}

// NewVodDistribution defines the distribution.
func NewVodDistribution(scope constructs.Construct, id string, props *VodDistributionProps) *VodDistribution {
	if props == nil {
		props = &VodDistributionProps{}
	}
	if err := props.Validate(); err != nil {
		panic(err)
	}
	c := constructs.NewConstruct(scope, &id)
	v := newViewer(c, &props.Options)
	d := &VodDistribution{Construct: c, LogsBucket: v.logs, LogsKey: v.logsKey, ResponseHeaders: v.headers, KeyGroup: v.keyGroup, options: props.Options}
	dp := &cf.DistributionProps{Comment: jsii.String("StreamCDK VoD playback")}
	if props.PrivateOutputs {
		dp.DefaultBehavior = v.mediaPackage(props.MediaPackage)
	} else {
		s3Origin := awscloudfrontorigins.S3BucketOrigin_WithOriginAccessControl(props.OutputBucket, &awscloudfrontorigins.S3BucketOriginWithOACProps{
			OriginShieldRegion: v.shield,
			OriginAccessLevels: &[]cf.AccessLevel{cf.AccessLevel_READ},
		})
		dp.DefaultBehavior = v.behavior(s3Origin, cf.CachePolicy_CACHING_OPTIMIZED(), cf.OriginRequestPolicy_CORS_S3_ORIGIN())
	}
	if mp := props.MediaPackage; mp != nil && !props.PrivateOutputs {
		pattern := mp.PathPattern
		if pattern == "" {
			pattern = "/out/v1/*"
		}
		dp.AdditionalBehaviors = &map[string]*cf.BehaviorOptions{pattern: v.mediaPackage(mp)}
	}
	d.Distribution = v.distribute(c, &props.Options, &props.Served, dp, "vod")
	d.AdRoutes = v.ads
	return d
}

// Metric is one of CloudFront's metrics of the distribution (Average over five minutes,
// labelled with its name): "Requests", "4xxErrorRate", "5xxErrorRate", "BytesDownloaded"; with
// the additional metrics also "CacheHitRate", "OriginLatency", "401ErrorRate"..., with the
// dimensions CloudFront publishes (the CDK's own helpers miss one), changed by props (statistic,
// period, label, ...; nil: none), for alarms of your own.
func (d *VodDistribution) Metric(name string, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return metric(d.Distribution, name, props)
}

// Widgets are the distribution's dashboard widgets (requests, error rates, cache hit rate).
func (d *VodDistribution) Widgets() []awscloudwatch.IWidget {
	return widgets(d.Distribution, &d.options)
}

// PriceClass is the distribution's price class.
func (d *VodDistribution) PriceClass() string { return priceClass(&d.options) }

// DomainName is the distribution's domain name.
func (d *VodDistribution) DomainName() *string { return d.Distribution.DistributionDomainName() }

// BaseURL is https://<domain>, the base of every playback URL.
func (d *VodDistribution) BaseURL() *string { return baseURL(d.Distribution, &d.options) }

// Validate returns the *validate.Error NewVodDistribution would panic with for these props, without
// creating anything.
func (p *VodDistributionProps) Validate() error {
	if p.OutputBucket == nil {
		return bad("OutputBucket", validate.NoValue, "is required")
	}
	if p.PrivateOutputs && p.MediaPackage == nil {
		return bad("PrivateOutputs", true, "needs {MediaPackage}: without it the renditions are all the distribution serves")
	}
	if mp := p.MediaPackage; mp != nil {
		if err := mp.validate(); err != nil {
			return err
		}
		// MediaPackage VOD checks the v1 header (X-MediaPackage-CDNIdentifier).
		if mp.Identifier != nil && mp.Identifier.Version != MediaPackageV1 {
			return bad("MediaPackage.Identifier", string(mp.Identifier.Version), "is a MediaPackage %s identifier (header %s); MediaPackage VOD checks X-MediaPackage-CDNIdentifier: make it with IdentifierProps{Version: %s}", mp.Identifier.Version, mp.Identifier.HeaderName, MediaPackageV1)
		}
	}
	return p.Options.Validate(p.AdInsertion)
}
