package cdn

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	cf "github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/interfaces/interfacesawscloudfront"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/nag"
	"github.com/streamcdk/streamcdk/constructs/internal/storage"
	"github.com/streamcdk/streamcdk/internal/validate"
)

// MediaPackageOrigin routes a path pattern to a MediaPackage origin that checks the CDN identifier.
type MediaPackageOrigin struct {
	// DomainName is the origin host name (no scheme). Required.
	DomainName *string
	// Identifier is sent as a custom origin header. Required.
	Identifier *Identifier
	// PathPattern is routed to the origin. Default: "/out/v1/*" (MediaPackage egress paths).
	PathPattern string
}

// VodDistributionProps configures NewVodDistribution.
type VodDistributionProps struct {
	// OutputBucket holds the renditions; CloudFront reads it with Origin Access Control. Required.
	OutputBucket awss3.IBucket
	// MediaPackage adds a MediaPackage VOD origin and behaviour. Default: none.
	MediaPackage *MediaPackageOrigin
	// LogsBucket receives CloudFront standard logs (ACLs enabled). Default: a new logs bucket.
	LogsBucket awss3.IBucket
	// PriceClass limits the edge locations. Default: PriceClass_100 (North America, Europe).
	PriceClass cf.PriceClass
	// DomainNames are alternate domain names; they need Certificate. Default: none.
	DomainNames []string
	// Certificate is an ACM certificate in us-east-1 covering DomainNames. Default: none.
	Certificate awscertificatemanager.ICertificate
	// WebAclArn attaches a WAFv2 web ACL of CLOUDFRONT scope (an ARN, as CloudFront's own
	// WebACLId takes it; there is no CDK interface for web ACLs). Default: none.
	WebAclArn string
	// GeoAllowList limits viewers to these ISO 3166-1 alpha-2 countries. Default: everywhere.
	GeoAllowList []string
	// CorsAllowedOrigins may play the streams from a browser. Default: ["*"].
	CorsAllowedOrigins []string
	// OriginShieldRegion adds Origin Shield in this region (e.g. "us-east-1"). Default: off.
	OriginShieldRegion string
	// SigningPublicKeyPem restricts playback to signed URLs or signed cookies made with the
	// matching private key (a PEM "PUBLIC KEY", RSA 2048). For HLS/DASH, sign a cookie whose
	// policy covers the asset's folder, so that every manifest and segment request carries it.
	// Default: public playback.
	SigningPublicKeyPem string
}

// VodDistribution is the CloudFront distribution that serves VoD outputs.
type VodDistribution struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// Distribution is the CloudFront distribution.
	Distribution cf.Distribution
	// ResponseHeaders is the CORS response headers policy of every behaviour.
	ResponseHeaders cf.ResponseHeadersPolicy
	// LogsBucket receives the standard logs.
	LogsBucket awss3.IBucket
	// KeyGroup holds the signing public key; nil without SigningPublicKeyPem.
	KeyGroup cf.KeyGroup
}

var (
	regionRe = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d$`)
	webAclRe = regexp.MustCompile(`^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global/webacl/[A-Za-z0-9_-]+/[0-9a-f-]+$`)
	domainRe = regexp.MustCompile(`^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

// NewVodDistribution defines the distribution.
func NewVodDistribution(scope constructs.Construct, id string, props *VodDistributionProps) *VodDistribution {
	if props == nil {
		props = &VodDistributionProps{}
	}
	if err := props.validate(); err != nil {
		panic(err)
	}
	c := constructs.NewConstruct(scope, &id)
	d := &VodDistribution{Construct: c, LogsBucket: props.LogsBucket}
	if d.LogsBucket == nil {
		d.LogsBucket = storage.NewLogsBucket(c, "Logs", "", 365)
	}
	origins := props.CorsAllowedOrigins
	if len(origins) == 0 {
		origins = []string{"*"}
	}
	d.ResponseHeaders = cf.NewResponseHeadersPolicy(c, jsii.String("Cors"), &cf.ResponseHeadersPolicyProps{
		Comment: jsii.String("CORS for HLS/DASH players on other origins"),
		CorsBehavior: &cf.ResponseHeadersCorsBehavior{
			AccessControlAllowCredentials: jsii.Bool(false),
			AccessControlAllowHeaders:     jsii.Strings("*"),
			AccessControlAllowMethods:     jsii.Strings("GET", "HEAD", "OPTIONS"),
			AccessControlAllowOrigins:     jsii.Strings(origins...),
			AccessControlExposeHeaders:    jsii.Strings("Content-Length", "Content-Range", "ETag"),
			AccessControlMaxAge:           awscdk.Duration_Seconds(jsii.Number(3000)),
			OriginOverride:                jsii.Bool(true),
		},
		SecurityHeadersBehavior: &cf.ResponseSecurityHeadersBehavior{
			ContentTypeOptions:      &cf.ResponseHeadersContentTypeOptions{Override: jsii.Bool(true)},
			StrictTransportSecurity: &cf.ResponseHeadersStrictTransportSecurity{AccessControlMaxAge: awscdk.Duration_Days(jsii.Number(365)), IncludeSubdomains: jsii.Bool(false), Override: jsii.Bool(true)},
		},
	})
	var trusted *[]interfacesawscloudfront.IKeyGroupRef
	if props.SigningPublicKeyPem != "" {
		key := cf.NewPublicKey(c, jsii.String("SigningKey"), &cf.PublicKeyProps{
			EncodedKey: jsii.String(props.SigningPublicKeyPem),
			Comment:    jsii.String("StreamCDK playback signing key"),
		})
		d.KeyGroup = cf.NewKeyGroup(c, jsii.String("Signers"), &cf.KeyGroupProps{Items: &[]interfacesawscloudfront.IPublicKeyRef{key}})
		trusted = &[]interfacesawscloudfront.IKeyGroupRef{d.KeyGroup}
	}
	var shield *string
	if props.OriginShieldRegion != "" {
		shield = jsii.String(props.OriginShieldRegion)
	}
	s3Origin := awscloudfrontorigins.S3BucketOrigin_WithOriginAccessControl(props.OutputBucket, &awscloudfrontorigins.S3BucketOriginWithOACProps{
		OriginShieldRegion: shield,
		OriginAccessLevels: &[]cf.AccessLevel{cf.AccessLevel_READ},
	})
	dp := &cf.DistributionProps{
		Comment: jsii.String("StreamCDK VoD playback"),
		DefaultBehavior: &cf.BehaviorOptions{
			Origin:                s3Origin,
			ViewerProtocolPolicy:  cf.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
			AllowedMethods:        cf.AllowedMethods_ALLOW_GET_HEAD_OPTIONS(),
			CachedMethods:         cf.CachedMethods_CACHE_GET_HEAD_OPTIONS(),
			CachePolicy:           cf.CachePolicy_CACHING_OPTIMIZED(),
			OriginRequestPolicy:   cf.OriginRequestPolicy_CORS_S3_ORIGIN(),
			ResponseHeadersPolicy: d.ResponseHeaders,
			Compress:              jsii.Bool(true),
			TrustedKeyGroups:      trusted,
		},
		HttpVersion:   cf.HttpVersion_HTTP2_AND_3,
		PriceClass:    props.PriceClass,
		EnableLogging: jsii.Bool(true),
		LogBucket:     d.LogsBucket,
		LogFilePrefix: jsii.String("cloudfront/"),
	}
	if dp.PriceClass == "" {
		dp.PriceClass = cf.PriceClass_PRICE_CLASS_100
	}
	if mp := props.MediaPackage; mp != nil {
		pattern := mp.PathPattern
		if pattern == "" {
			pattern = "/out/v1/*"
		}
		origin := awscloudfrontorigins.NewHttpOrigin(mp.DomainName, &awscloudfrontorigins.HttpOriginProps{
			ProtocolPolicy:     cf.OriginProtocolPolicy_HTTPS_ONLY,
			OriginSslProtocols: &[]cf.OriginSslPolicy{cf.OriginSslPolicy_TLS_V1_2},
			CustomHeaders:      &map[string]*string{mp.Identifier.HeaderName: mp.Identifier.HeaderValue()},
			OriginShieldRegion: shield,
		})
		dp.AdditionalBehaviors = &map[string]*cf.BehaviorOptions{pattern: {
			Origin:                origin,
			ViewerProtocolPolicy:  cf.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
			AllowedMethods:        cf.AllowedMethods_ALLOW_GET_HEAD_OPTIONS(),
			CachedMethods:         cf.CachedMethods_CACHE_GET_HEAD_OPTIONS(),
			CachePolicy:           cf.CachePolicy_ELEMENTAL_MEDIA_PACKAGE(),
			ResponseHeadersPolicy: d.ResponseHeaders,
			Compress:              jsii.Bool(true),
			TrustedKeyGroups:      trusted,
		}}
	}
	if len(props.DomainNames) > 0 {
		dp.DomainNames = jsii.Strings(props.DomainNames...)
		dp.Certificate = props.Certificate
		dp.MinimumProtocolVersion = cf.SecurityPolicyProtocol_TLS_V1_2_2021
	}
	if props.WebAclArn != "" {
		dp.WebAclId = jsii.String(props.WebAclArn)
	}
	if len(props.GeoAllowList) > 0 {
		dp.GeoRestriction = cf.GeoRestriction_Allowlist(*jsii.Strings(props.GeoAllowList...)...)
	}
	d.Distribution = cf.NewDistribution(c, jsii.String("Resource"), dp)

	var rules []nag.Rule
	if props.Certificate == nil {
		rules = append(rules, nag.Rule{ID: "AwsSolutions-CFR4", Reason: "No custom domain is configured, so viewers use the default *.cloudfront.net certificate, whose TLS floor CloudFront sets; configure DomainNames and Certificate to enforce TLS 1.2."})
	}
	if len(props.GeoAllowList) == 0 {
		rules = append(rules, nag.Rule{ID: "AwsSolutions-CFR1", Reason: "Streams are served worldwide unless GeoAllowList (vod:geoAllow) is configured."})
	}
	if props.WebAclArn == "" {
		rules = append(rules, nag.Rule{ID: "AwsSolutions-CFR2", Reason: "No web ACL is configured (vod:webAclArn); static, cache-friendly media objects behind Origin Access Control."})
	}
	if len(rules) > 0 {
		nag.Suppress(d.Distribution, false, rules...)
	}
	return d
}

// DomainName is the distribution's domain name.
func (d *VodDistribution) DomainName() *string { return d.Distribution.DistributionDomainName() }

// BaseURL is https://<domain>, the base of every playback URL.
func (d *VodDistribution) BaseURL() *string {
	return jsii.String("https://" + *d.Distribution.DistributionDomainName())
}

func bad(field string, v any, problem string, args ...any) error {
	return validate.Invalid("cdn", field, v, problem, args...)
}

// PriceClasses lists the allowed price classes, for callers that accept them in any case.
var PriceClasses = []cf.PriceClass{cf.PriceClass_PRICE_CLASS_100, cf.PriceClass_PRICE_CLASS_200, cf.PriceClass_PRICE_CLASS_ALL}

func (p *VodDistributionProps) validate() error {
	if p.OutputBucket == nil {
		return bad("OutputBucket", validate.NoValue, "is required")
	}
	if mp := p.MediaPackage; mp != nil {
		if mp.DomainName == nil || mp.Identifier == nil {
			return bad("MediaPackage", validate.NoValue, "needs {MediaPackage.DomainName} and {MediaPackage.Identifier}")
		}
		if mp.PathPattern != "" && !strings.HasPrefix(mp.PathPattern, "/") {
			return bad("MediaPackage.PathPattern", mp.PathPattern, "is not allowed; start it with /")
		}
	}
	switch p.PriceClass {
	case "", cf.PriceClass_PRICE_CLASS_100, cf.PriceClass_PRICE_CLASS_200, cf.PriceClass_PRICE_CLASS_ALL:
	default:
		return bad("PriceClass", string(p.PriceClass), "is not allowed; use %s, %s or %s", cf.PriceClass_PRICE_CLASS_100, cf.PriceClass_PRICE_CLASS_200, cf.PriceClass_PRICE_CLASS_ALL)
	}
	if len(p.DomainNames) > 0 && p.Certificate == nil {
		return bad("DomainNames", p.DomainNames, "needs {Certificate} (an ACM certificate in us-east-1 covering them)")
	}
	if len(p.DomainNames) == 0 && p.Certificate != nil {
		return bad("Certificate", validate.NoValue, "is given without {DomainNames}; CloudFront uses a certificate only for alternate domain names")
	}
	for i, d := range p.DomainNames {
		if !domainRe.MatchString(d) {
			return bad(fmt.Sprintf("DomainNames[%d]", i), d, "is not a lower-case domain name such as video.example.com")
		}
	}
	if p.Certificate != nil {
		arn := *p.Certificate.CertificateArn()
		if !*awscdk.Token_IsUnresolved(jsii.String(arn)) && !strings.Contains(arn, ":us-east-1:") {
			return bad("Certificate", arn, "is not in us-east-1; CloudFront only uses certificates from us-east-1")
		}
	}
	if p.WebAclArn != "" && !webAclRe.MatchString(p.WebAclArn) {
		return bad("WebAclArn", p.WebAclArn, "is not the ARN of a CloudFront-scope WAFv2 web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)")
	}
	for i, c := range p.GeoAllowList {
		if !countries[c] {
			return bad(fmt.Sprintf("GeoAllowList[%d]", i), c, "is not an ISO 3166-1 alpha-2 country code (two capital letters, such as US, DE or JP)")
		}
	}
	if k := strings.TrimSpace(p.SigningPublicKeyPem); k != "" && (!strings.HasPrefix(k, "-----BEGIN PUBLIC KEY-----") || !strings.HasSuffix(k, "-----END PUBLIC KEY-----")) {
		return bad("SigningPublicKeyPem", validate.NoValue, "does not hold a PEM public key (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----)")
	}
	if p.OriginShieldRegion != "" && !regionRe.MatchString(p.OriginShieldRegion) {
		return bad("OriginShieldRegion", p.OriginShieldRegion, "is not an AWS region such as us-east-1")
	}
	for i, o := range p.CorsAllowedOrigins {
		if err := validate.Origin("cdn", fmt.Sprintf("CorsAllowedOrigins[%d]", i), o); err != nil {
			return err
		}
	}
	return nil
}
