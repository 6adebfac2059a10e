package cdn

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	cf "github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/interfaces/interfacesawscloudfront"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/nag"
	"github.com/streamcdk/streamcdk/constructs/internal/storage"
	"github.com/streamcdk/streamcdk/constructs/ops"
	"github.com/streamcdk/streamcdk/constructs/player"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// Options are the viewer-facing settings a user chooses, shared by every StreamCDK distribution
// (VoD and Live); the stacks take them as they are. The zero value is every default.
type Options struct {
	// LogsBucket receives CloudFront standard logs (ACLs enabled). Default: a new bucket of its
	// own, encrypted with a new customer-managed key (LogsKey), kept ViewerLogDays.
	LogsBucket awss3.IBucket
	// ViewerLogDays is how long the created logs bucket keeps the standard logs, which hold
	// viewers' IP addresses and request URLs (1-3650). Default: 90.
	ViewerLogDays int
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
	// CORSAllowedOrigins may play the streams from a browser. Default: ["*"].
	CORSAllowedOrigins []string
	// OriginShieldRegion adds Origin Shield in this region (e.g. "us-east-1"). Default: off.
	OriginShieldRegion string
	// SigningPublicKeyPem restricts playback to signed URLs or signed cookies made with the
	// matching private key (a PEM "PUBLIC KEY", RSA 2048). For HLS/DASH, sign a cookie whose
	// policy covers the stream's folder, so that every manifest and segment request carries it.
	// Default: public playback.
	SigningPublicKeyPem string
	// PlayerStreamOrigins are origins other than the distribution's own (and DomainNames) whose
	// streams the player page may play, e.g. https://live.example.com; the page's
	// Content-Security-Policy refuses every other. Default: none (the distribution's streams only).
	PlayerStreamOrigins []string
	// MediaTailorAccountHash is MediaTailor's hashed id of this account (the segment after
	// /v1/master/ in a playback configuration's URLs; the stacks output it as
	// MediaTailorAccountHash after the first deploy with ads). With it, the ad routes admit only
	// this account's configurations; without it only their names, which another account could
	// copy (synth warns). It cannot come from the configurations themselves: they name the
	// distribution, which would then depend on them. Default: none.
	MediaTailorAccountHash string
	// WithoutAdditionalMetrics leaves out CloudFront's additional metrics (cache hit rate,
	// origin latency, error rates by status code), which the dashboards show; they are billed
	// as CloudWatch custom metrics. Default: false (published).
	WithoutAdditionalMetrics bool
}

// Served is what a distribution serves besides its main origin, wired by whoever composes it
// (the stacks set it from the player page and the ads they create).
type Served struct {
	// PlayerBucket holds the player page under player/; the distribution serves it at /player/
	// (Origin Access Control). Default: no player page.
	PlayerBucket awss3.IBucket
	// AdInsertion routes AWS Elemental MediaTailor's paths in the stack's region through the
	// distribution: /v1/session/* and /v1/* (ad-enabled manifests and sessions, not cached,
	// query strings and player headers forwarded with the managed MediaTailor origin request
	// policy) and /tm/* (ad segments, cached). Playback stays unsigned: MediaTailor fetches the
	// content manifests without a signature, so it excludes SigningPublicKeyPem. Default: false.
	AdInsertion bool
	// KeyServer routes the demo key server's player paths (keys and Clear Key licenses) to its
	// API, with the origin secret it admits them by, never cached, signed like the streams.
	// Default: none.
	KeyServer *KeyServerOrigin
}

// KeyServerOrigin is the demo key server's API as an origin (constructs/keyserver).
type KeyServerOrigin struct {
	// DomainName is the API's host name; OriginPath its stage ("/v1").
	DomainName, OriginPath *string
	// Header and HeaderValue are the origin secret sent with every request (the value a
	// Secrets Manager dynamic reference).
	Header      string
	HeaderValue *string
	// KeyPath and LicensePath are the routed paths (AES-128 keys by GET, licenses by POST).
	KeyPath, LicensePath string
}

// MediaPackageOrigin routes a path pattern to a MediaPackage origin that checks the CDN identifier.
type MediaPackageOrigin struct {
	// DomainName is the origin host name (no scheme). Required.
	DomainName *string
	// Identifier is sent as a custom origin header. Required unless OriginAccessControl is set.
	Identifier *Identifier
	// OriginAccessControl signs CloudFront's requests to the (MediaPackage v2) origin with SigV4
	// through an Origin Access Control; the endpoints' policies must admit the distribution
	// (packaging.LiveGroup.AllowDistribution). Default: false.
	OriginAccessControl bool
	// PathPattern is routed to the origin. Default: "/out/v1/*" (MediaPackage egress paths).
	PathPattern string
	// Failover is a second MediaPackage v2 origin (another Region's channel group, the same
	// channels and endpoints): the two form an origin group, this one first. Default: none.
	Failover *FailoverOrigin
}

// FailoverOrigin is the origin an origin group moves to when the primary answers with an error.
type FailoverOrigin struct {
	// DomainName is its egress host name. Required.
	DomainName *string
	// Identifier is the CDN identifier its endpoints check, sent as its own origin header.
	// Required.
	Identifier *Identifier
}

// FailoverStatusCodes are the primary origin's answers that send a request to the failover
// origin: 404, which MediaPackage v2's endpoints answer with forced endpoint errors (a stale or
// incomplete manifest, a missing DRM key, slate input: API_ForceEndpointErrorConfiguration), and
// the server errors, which CloudFront fails over on by default; CloudFront takes 400, 403, 404,
// 416 and 5xx ("Creating an origin group",
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html).
var FailoverStatusCodes = []float64{404, 500, 502, 503, 504}

var (
	regionRe      = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d$`)
	webAclRe      = regexp.MustCompile(`^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global/webacl/[A-Za-z0-9_-]+/[0-9a-f-]+$`)
	accountHashRe = regexp.MustCompile(`^[A-Za-z0-9]{8,64}$`)
	domainRe      = regexp.MustCompile(`^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

func bad(field string, v any, problem string, args ...any) error {
	return validate.Invalid("cdn", field, v, problem, args...)
}

// PriceClasses lists the allowed price classes, for callers that accept them in any case.
var PriceClasses = []cf.PriceClass{cf.PriceClass_PRICE_CLASS_100, cf.PriceClass_PRICE_CLASS_200, cf.PriceClass_PRICE_CLASS_ALL}

// Validate returns the *validate.Error a distribution would panic with for these options, with
// ad insertion on or off (Served.AdInsertion), without creating anything.
func (o *Options) Validate(adInsertion bool) error {
	return o.validate(adInsertion, o.Certificate != nil)
}

// ValidateImportingCertificate is Validate for options whose Certificate (left nil) the caller
// imports when it makes the distribution, from an ARN it checks with CheckCertificateArn.
func (o *Options) ValidateImportingCertificate(adInsertion bool) error {
	if o.Certificate != nil {
		return bad("Certificate", validate.NoValue, "is given, and a certificate is imported by ARN too; give one")
	}
	return o.validate(adInsertion, true)
}

func (o *Options) validate(adInsertion, certificate bool) error {
	if err := validate.OneOfOrDefault("cdn", "PriceClass", o.PriceClass, []cf.PriceClass{cf.PriceClass_PRICE_CLASS_100, cf.PriceClass_PRICE_CLASS_200, cf.PriceClass_PRICE_CLASS_ALL}); err != nil {
		return err
	}
	if err := o.validateCertificate(certificate); err != nil {
		return err
	}
	for i, d := range o.DomainNames {
		if !domainRe.MatchString(d) {
			return bad(fmt.Sprintf("DomainNames[%d]", i), d, "is not a lower-case domain name such as video.example.com")
		}
	}
	if o.WebAclArn != "" && !webAclRe.MatchString(o.WebAclArn) {
		return bad("WebAclArn", o.WebAclArn, "is not the ARN of a CloudFront-scope WAFv2 web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)")
	}
	for i, c := range o.GeoAllowList {
		if !countries[c] {
			return bad(fmt.Sprintf("GeoAllowList[%d]", i), c, "is not an ISO 3166-1 alpha-2 country code (two capital letters, such as US, DE or JP)")
		}
	}
	if k := strings.TrimSpace(o.SigningPublicKeyPem); k != "" && (!strings.HasPrefix(k, "-----BEGIN PUBLIC KEY-----") || !strings.HasSuffix(k, "-----END PUBLIC KEY-----")) {
		return bad("SigningPublicKeyPem", validate.NoValue, "does not hold a PEM public key (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----)")
	}
	if o.OriginShieldRegion != "" && !regionRe.MatchString(o.OriginShieldRegion) {
		return bad("OriginShieldRegion", o.OriginShieldRegion, "is not an AWS region such as us-east-1")
	}
	if o.ViewerLogDays != 0 && o.LogsBucket != nil {
		return bad("ViewerLogDays", o.ViewerLogDays, "applies to the logs bucket the distribution creates; {LogsBucket} is given, whose own lifecycle rules decide")
	}
	if err := validate.InRange("cdn", "ViewerLogDays", o.ViewerLogDays, 1, 3650, "days", true); err != nil {
		return err
	}
	if o.MediaTailorAccountHash != "" && (!adInsertion || !accountHashRe.MatchString(o.MediaTailorAccountHash)) {
		return bad("MediaTailorAccountHash", o.MediaTailorAccountHash, "is not allowed; give the account hash a stack with ads outputs (letters and digits: the path segment after /v1/master/ in its ad URLs), with ads on")
	}
	if adInsertion && o.SigningPublicKeyPem != "" {
		return bad("AdInsertion", true, "cannot be combined with {SigningPublicKeyPem}: MediaTailor fetches the content manifests through the distribution without a signature; sign the ad-enabled URLs in front of MediaTailor instead, or turn one of them off")
	}
	for i, c := range o.CORSAllowedOrigins {
		if err := validate.Origin("cdn", fmt.Sprintf("CORSAllowedOrigins[%d]", i), c); err != nil {
			return err
		}
	}
	for i, c := range o.PlayerStreamOrigins {
		if err := validate.Origin("cdn", fmt.Sprintf("PlayerStreamOrigins[%d]", i), c); err != nil || c == "*" || !strings.HasPrefix(c, "https://") {
			return bad(fmt.Sprintf("PlayerStreamOrigins[%d]", i), c, "is not an https origin such as https://live.example.com (the page is served over HTTPS and plays no other)")
		}
	}
	return nil
}

var certificateArnRe = regexp.MustCompile(`^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate/[A-Za-z0-9-]+$`)

// CheckCertificateArn checks an ACM certificate's ARN as CloudFront takes it: CloudFront
// "requires that you request or import the certificate in the US East (N. Virginia) Region"
// (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html).
// A token (an attribute known at deployment) passes; the error names pkg's field.
func CheckCertificateArn(pkg, field, arn string) error {
	if *awscdk.Token_IsUnresolved(jsii.String(arn)) || certificateArnRe.MatchString(arn) {
		return nil
	}
	return validate.Invalid(pkg, field, arn, "is not the ARN of an ACM certificate in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>); CloudFront only uses certificates from us-east-1")
}

// validateCertificate checks the certificate (given, or imported by the caller) against the
// domain names.
func (o *Options) validateCertificate(certificate bool) error {
	if len(o.DomainNames) > 0 && !certificate {
		return bad("DomainNames", o.DomainNames, "needs {Certificate} (an ACM certificate in us-east-1 covering them)")
	}
	if len(o.DomainNames) == 0 && certificate {
		return bad("Certificate", validate.NoValue, "is given without {DomainNames}; CloudFront uses a certificate only for alternate domain names")
	}
	if o.Certificate != nil {
		return CheckCertificateArn("cdn", "Certificate", *o.Certificate.CertificateArn())
	}
	return nil
}

func (mp *MediaPackageOrigin) validate() error {
	if mp.DomainName == nil || (mp.Identifier == nil && !mp.OriginAccessControl) {
		return bad("MediaPackage", validate.NoValue, "needs {MediaPackage.DomainName} and {MediaPackage.Identifier} or {MediaPackage.OriginAccessControl}")
	}
	if mp.PathPattern != "" && !strings.HasPrefix(mp.PathPattern, "/") {
		return bad("MediaPackage.PathPattern", mp.PathPattern, "is not allowed; start it with /")
	}
	if f := mp.Failover; f != nil {
		switch {
		case f.DomainName == nil || f.Identifier == nil:
			return bad("MediaPackage.Failover", validate.NoValue, "needs {MediaPackage.Failover.DomainName} and {MediaPackage.Failover.Identifier}")
		case mp.OriginAccessControl:
			// The other Region's endpoint policies would name this distribution, which names
			// their egress domain: each stack would wait for the other.
			return bad("MediaPackage.OriginAccessControl", true, "cannot be combined with {MediaPackage.Failover}: a failover origin checks its CDN identifier only")
		}
	}
	return nil
}

// viewer is what a distribution's behaviours share, made once from Options.
type viewer struct {
	scope    constructs.Construct
	origins  []string
	logs     awss3.IBucket
	headers  cf.ResponseHeadersPolicy
	keyGroup cf.KeyGroup
	trusted  *[]interfacesawscloudfront.IKeyGroupRef
	shield   *string
	ads      *AdRoutes
	logsKey  awskms.Key
}

// DefaultViewerLogDays is how long a created logs bucket keeps the standard logs.
const DefaultViewerLogDays = 90

func newViewer(c constructs.Construct, o *Options) *viewer {
	v := &viewer{scope: c, logs: o.LogsBucket}
	if v.logs == nil {
		v.logsKey = awskms.NewKey(c, jsii.String("LogsKey"), &awskms.KeyProps{
			Description:       jsii.String("Encrypts the CloudFront standard logs (viewer IP addresses and request URLs)"),
			EnableKeyRotation: jsii.Bool(true),
			RemovalPolicy:     awscdk.RemovalPolicy_RETAIN,
		})
		days := o.ViewerLogDays
		if days == 0 {
			days = DefaultViewerLogDays
		}
		logs := storage.NewViewerLogsBucket(c, "Logs", v.logsKey, days)
		nag.Suppress(logs, false, nag.Rule{ID: "AwsSolutions-S1", Reason: "This bucket holds the distribution's access logs; logging the log bucket itself would only log log writes."})
		v.logs = logs
	}
	origins := o.CORSAllowedOrigins
	if len(origins) == 0 {
		origins = []string{"*"}
	}
	v.origins = origins
	v.headers = v.cors("Cors", "CORS for HLS/DASH players on other origins", "GET", "HEAD", "OPTIONS")
	if o.SigningPublicKeyPem != "" {
		key := cf.NewPublicKey(c, jsii.String("SigningKey"), &cf.PublicKeyProps{
			EncodedKey: jsii.String(o.SigningPublicKeyPem),
			Comment:    jsii.String("StreamCDK playback signing key"),
		})
		v.keyGroup = cf.NewKeyGroup(c, jsii.String("Signers"), &cf.KeyGroupProps{Items: &[]interfacesawscloudfront.IPublicKeyRef{key}})
		v.trusted = &[]interfacesawscloudfront.IKeyGroupRef{v.keyGroup}
	}
	if o.OriginShieldRegion != "" {
		v.shield = jsii.String(o.OriginShieldRegion)
	}
	return v
}

// cors is a response headers policy letting players on the allowed origins use methods, with
// the security headers every behaviour sends.
func (v *viewer) cors(id, comment string, methods ...string) cf.ResponseHeadersPolicy {
	return cf.NewResponseHeadersPolicy(v.scope, jsii.String(id), &cf.ResponseHeadersPolicyProps{
		Comment: jsii.String(comment),
		CorsBehavior: &cf.ResponseHeadersCorsBehavior{
			AccessControlAllowCredentials: jsii.Bool(false),
			AccessControlAllowHeaders:     jsii.Strings("*"),
			AccessControlAllowMethods:     jsii.Strings(methods...),
			AccessControlAllowOrigins:     jsii.Strings(v.origins...),
			AccessControlExposeHeaders:    jsii.Strings("Content-Length", "Content-Range", "ETag"),
			AccessControlMaxAge:           awscdk.Duration_Seconds(jsii.Number(3000)),
			OriginOverride:                jsii.Bool(true),
		},
		SecurityHeadersBehavior: &cf.ResponseSecurityHeadersBehavior{
			ContentTypeOptions:      &cf.ResponseHeadersContentTypeOptions{Override: jsii.Bool(true)},
			StrictTransportSecurity: &cf.ResponseHeadersStrictTransportSecurity{AccessControlMaxAge: awscdk.Duration_Days(jsii.Number(365)), IncludeSubdomains: jsii.Bool(false), Override: jsii.Bool(true)},
		},
	})
}

// behavior serves origin over HTTPS with the shared CORS headers and signing.
func (v *viewer) behavior(origin cf.IOrigin, cache cf.ICachePolicy, request cf.IOriginRequestPolicy) *cf.BehaviorOptions {
	return &cf.BehaviorOptions{
		Origin:                origin,
		ViewerProtocolPolicy:  cf.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
		AllowedMethods:        cf.AllowedMethods_ALLOW_GET_HEAD_OPTIONS(),
		CachedMethods:         cf.CachedMethods_CACHE_GET_HEAD_OPTIONS(),
		CachePolicy:           cache,
		OriginRequestPolicy:   request,
		ResponseHeadersPolicy: v.headers,
		Compress:              jsii.Bool(true),
		TrustedKeyGroups:      v.trusted,
	}
}

// mediaPackage is the behaviour for a MediaPackage origin (v1 VOD or v2 live): HTTPS only,
// the CDN identifier sent as an origin header whose value is a Secrets Manager dynamic
// reference (never a literal in the template), the managed Elemental-MediaPackage cache policy
// (it keeps the query strings MediaPackage uses for time-shift and manifest filtering, no cookies).
func (v *viewer) mediaPackage(mp *MediaPackageOrigin) *cf.BehaviorOptions {
	op := &awscloudfrontorigins.HttpOriginProps{
		ProtocolPolicy:     cf.OriginProtocolPolicy_HTTPS_ONLY,
		OriginSslProtocols: &[]cf.OriginSslPolicy{cf.OriginSslPolicy_TLS_V1_2},
		OriginShieldRegion: v.shield,
	}
	if mp.Identifier != nil {
		op.CustomHeaders = &map[string]*string{mp.Identifier.HeaderName: mp.Identifier.HeaderValue()}
	}
	if mp.OriginAccessControl {
		oac := cf.NewCfnOriginAccessControl(v.scope, jsii.String("MediaPackageAccess"), &cf.CfnOriginAccessControlProps{
			OriginAccessControlConfig: &cf.CfnOriginAccessControl_OriginAccessControlConfigProperty{
				Name:                          awscdk.Names_UniqueResourceName(v.scope, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(64)}),
				Description:                   jsii.String("CloudFront signs its requests to MediaPackage v2 (SigV4)"),
				OriginAccessControlOriginType: jsii.String("mediapackagev2"),
				SigningBehavior:               jsii.String("always"),
				SigningProtocol:               jsii.String("sigv4"),
			},
		})
		op.OriginAccessControlId = oac.AttrId()
	}
	if mp.Failover != nil {
		// "CloudFront tries to connect to the primary origin ... for as long as 30 seconds (3
		// connection attempts of 10 seconds each)" by default
		// (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html):
		// a Region that does not answer would stall live players; one attempt of 3 s, and 5 s
		// for the first byte, fail over within a segment.
		op.ConnectionAttempts, op.ConnectionTimeout, op.ReadTimeout = jsii.Number(1), awscdk.Duration_Seconds(jsii.Number(3)), awscdk.Duration_Seconds(jsii.Number(5))
	}
	var origin cf.IOrigin = awscloudfrontorigins.NewHttpOrigin(mp.DomainName, op)
	if f := mp.Failover; f != nil {
		fo := *op
		fo.ConnectionAttempts, fo.ConnectionTimeout, fo.ReadTimeout = nil, nil, nil // the last resort waits as usual
		fo.CustomHeaders = &map[string]*string{f.Identifier.HeaderName: f.Identifier.HeaderValue()}
		origin = awscloudfrontorigins.NewOriginGroup(&awscloudfrontorigins.OriginGroupProps{
			PrimaryOrigin:       origin,
			FallbackOrigin:      awscloudfrontorigins.NewHttpOrigin(f.DomainName, &fo),
			FallbackStatusCodes: jsii.Numbers(FailoverStatusCodes...),
		})
	}
	return v.behavior(origin, cf.CachePolicy_ELEMENTAL_MEDIA_PACKAGE(), nil)
}

// distribute completes dp with the shared options and creates the distribution, with the
// cdk-nag findings that the options turn off explained.
func (v *viewer) distribute(c constructs.Construct, o *Options, served *Served, dp *cf.DistributionProps, key string) cf.Distribution {
	dp.HttpVersion = cf.HttpVersion_HTTP2_AND_3
	dp.PublishAdditionalMetrics = jsii.Bool(!o.WithoutAdditionalMetrics)
	dp.PriceClass = cf.PriceClass(priceClass(o))
	dp.EnableLogging, dp.LogBucket, dp.LogFilePrefix = jsii.Bool(true), v.logs, jsii.String("cloudfront/")
	if len(o.DomainNames) > 0 {
		dp.DomainNames = jsii.Strings(o.DomainNames...)
		dp.Certificate = o.Certificate
		dp.MinimumProtocolVersion = cf.SecurityPolicyProtocol_TLS_V1_2_2021
	}
	if o.WebAclArn != "" {
		dp.WebAclId = jsii.String(o.WebAclArn)
	}
	if len(o.GeoAllowList) > 0 {
		dp.GeoRestriction = cf.GeoRestriction_Allowlist(*jsii.Strings(o.GeoAllowList...)...)
	}
	if served.PlayerBucket != nil {
		if dp.AdditionalBehaviors == nil {
			dp.AdditionalBehaviors = &map[string]*cf.BehaviorOptions{}
		}
		(*dp.AdditionalBehaviors)["/"+player.Prefix+"*"] = v.player(o, served.PlayerBucket)
	}
	if k := served.KeyServer; k != nil {
		if dp.AdditionalBehaviors == nil {
			dp.AdditionalBehaviors = &map[string]*cf.BehaviorOptions{}
		}
		keys, licenses := v.keyServer(k)
		(*dp.AdditionalBehaviors)[k.KeyPath+"/*"] = keys
		(*dp.AdditionalBehaviors)[k.LicensePath+"/*"] = licenses
	}
	d := cf.NewDistribution(c, jsii.String("Resource"), dp)
	if served.AdInsertion {
		v.ads = v.mediaTailor(d, o.MediaTailorAccountHash)
		if o.MediaTailorAccountHash == "" {
			nag.Warn(d, "streamcdk:ad-routes-account", fmt.Sprintf(
				"the ad routes admit this stack's MediaTailor configurations by name only; after the first deploy, set %s:mediaTailorAccountHash to the MediaTailorAccountHash output so that another account's configuration of the same name is refused", key))
		}
		if len(o.GeoAllowList) > 0 {
			// MediaTailor fetches the content manifests through this distribution, from AWS
			// addresses in the stack's Region: a country list without that Region's country
			// refuses those fetches (403) and every ad-enabled stream fails.
			nag.Warn(d, "streamcdk:geo-ads", fmt.Sprintf(
				"%s:geoAllow (%s) applies to MediaTailor too: it fetches the content through this distribution from the stack's Region (%s); include that Region's country, or ad insertion (%s:adDecisionServerUrl) fails with 403",
				key, strings.Join(o.GeoAllowList, ","), *awscdk.Stack_Of(c).Region(), key))
		}
	}
	var rules []nag.Rule
	if len(o.DomainNames) == 0 {
		rules = append(rules, nag.Rule{ID: "AwsSolutions-CFR4", Reason: "No custom domain is configured, so viewers use the default *.cloudfront.net certificate, whose TLS floor CloudFront sets; configure DomainNames and Certificate to enforce TLS 1.2."})
	}
	if len(o.GeoAllowList) == 0 {
		rules = append(rules, nag.Rule{ID: "AwsSolutions-CFR1", Reason: "Streams are served worldwide unless GeoAllowList (" + key + ":geoAllow) is configured."})
	}
	if o.WebAclArn == "" {
		rules = append(rules, nag.Rule{ID: "AwsSolutions-CFR2", Reason: "No web ACL is configured (" + key + ":webAclArn); cache-friendly media objects behind an authenticated origin."})
	}
	if len(rules) > 0 {
		nag.Suppress(d, false, rules...)
	}
	return d
}

// keyServer are the behaviours of the key server's player routes: its API over HTTPS with the
// origin secret header, the viewer's headers but Host (API Gateway answers to its own host
// name), nothing cached (each viewer's request passes the signed-cookie check), licenses by POST.
func (v *viewer) keyServer(k *KeyServerOrigin) (keys, licenses *cf.BehaviorOptions) {
	origin := awscloudfrontorigins.NewHttpOrigin(k.DomainName, &awscloudfrontorigins.HttpOriginProps{
		OriginPath:         k.OriginPath,
		ProtocolPolicy:     cf.OriginProtocolPolicy_HTTPS_ONLY,
		OriginSslProtocols: &[]cf.OriginSslPolicy{cf.OriginSslPolicy_TLS_V1_2},
		CustomHeaders:      &map[string]*string{k.Header: k.HeaderValue},
	})
	keys = v.behavior(origin, cf.CachePolicy_CACHING_DISABLED(), cf.OriginRequestPolicy_ALL_VIEWER_EXCEPT_HOST_HEADER())
	licenses = v.behavior(origin, cf.CachePolicy_CACHING_DISABLED(), cf.OriginRequestPolicy_ALL_VIEWER_EXCEPT_HOST_HEADER())
	licenses.AllowedMethods = cf.AllowedMethods_ALLOW_ALL()
	licenses.ResponseHeadersPolicy = v.cors("LicenseCors", "CORS for Clear Key license requests (POST) from players on other origins", "GET", "HEAD", "OPTIONS", "POST")
	return keys, licenses
}

// player is the behaviour of the player page: the bucket through Origin Access Control, a
// folder's address rewritten to its index.html (player.IndexRewriteCode), and the page's
// security headers: its Content-Security-Policy (streams from this distribution and
// PlayerStreamOrigins only), no framing, no referrer beyond the origin. The page itself is
// public; the streams it plays keep their signing.
func (v *viewer) player(o *Options, bucket awss3.IBucket) *cf.BehaviorOptions {
	origin := awscloudfrontorigins.S3BucketOrigin_WithOriginAccessControl(bucket, &awscloudfrontorigins.S3BucketOriginWithOACProps{
		OriginAccessLevels: &[]cf.AccessLevel{cf.AccessLevel_READ},
	})
	index := cf.NewFunction(v.scope, jsii.String("PlayerIndex"), &cf.FunctionProps{
		Code:    cf.FunctionCode_FromInline(jsii.String(player.IndexRewriteCode)),
		Runtime: cf.FunctionRuntime_JS_2_0(),
		Comment: jsii.String("The player page's folder address serves its index.html"),
	})
	streams := append(slices.Clone(o.PlayerStreamOrigins), prefixed("https://", o.DomainNames)...)
	headers := cf.NewResponseHeadersPolicy(v.scope, jsii.String("PlayerHeaders"), &cf.ResponseHeadersPolicyProps{
		Comment: jsii.String("The player page: Content-Security-Policy, no framing"),
		SecurityHeadersBehavior: &cf.ResponseSecurityHeadersBehavior{
			ContentSecurityPolicy:   &cf.ResponseHeadersContentSecurityPolicy{ContentSecurityPolicy: jsii.String(player.ContentSecurityPolicy(streams)), Override: jsii.Bool(true)},
			FrameOptions:            &cf.ResponseHeadersFrameOptions{FrameOption: cf.HeadersFrameOption_DENY, Override: jsii.Bool(true)},
			ReferrerPolicy:          &cf.ResponseHeadersReferrerPolicy{ReferrerPolicy: cf.HeadersReferrerPolicy_STRICT_ORIGIN_WHEN_CROSS_ORIGIN, Override: jsii.Bool(true)},
			ContentTypeOptions:      &cf.ResponseHeadersContentTypeOptions{Override: jsii.Bool(true)},
			StrictTransportSecurity: &cf.ResponseHeadersStrictTransportSecurity{AccessControlMaxAge: awscdk.Duration_Days(jsii.Number(365)), IncludeSubdomains: jsii.Bool(false), Override: jsii.Bool(true)},
		},
	})
	b := v.behavior(origin, cf.CachePolicy_CACHING_OPTIMIZED(), cf.OriginRequestPolicy_CORS_S3_ORIGIN())
	b.TrustedKeyGroups = nil
	b.ResponseHeadersPolicy = headers
	b.FunctionAssociations = &[]*cf.FunctionAssociation{{EventType: cf.FunctionEventType_VIEWER_REQUEST, Function: index}}
	return b
}

func prefixed(prefix string, list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = prefix + s
	}
	return out
}

// AdRoutes are the distribution's MediaTailor behaviours and the function that admits on them
// only the playback configurations Allow names (MediaTailorGuardCode).
type AdRoutes struct {
	// Guard is the viewer-request CloudFront Function of every /v1/ behaviour.
	Guard cf.Function
	allow *[]string
}

// Allow admits a playback configuration (by name) on the ad routes.
func (a *AdRoutes) Allow(configuration string) { *a.allow = append(*a.allow, configuration) }

//go:embed edge/mediatailor-guard.js
var mediaTailorGuard string

// MediaTailorGuardCode is the guard's code admitting configurations of account (any account
// when empty).
func MediaTailorGuardCode(configurations []string, account string) string {
	list, _ := json.Marshal(configurations)
	acct, _ := json.Marshal(account)
	code := strings.Replace(mediaTailorGuard, "var CONFIGURATIONS = [];", "var CONFIGURATIONS = "+string(list)+";", 1)
	return strings.Replace(code, "var ACCOUNT = '';", "var ACCOUNT = "+string(acct)+";", 1)
}

// guardCode renders the guard when the template is written, after the playback
// configurations (made after the distribution, which they name) were allowed.
type guardCode struct {
	allow   *[]string
	account string
}

func (g *guardCode) Produce() *string {
	names := slices.Sorted(slices.Values(*g.allow))
	return jsii.String(MediaTailorGuardCode(names, g.account))
}

// mediaTailor adds the behaviours of MediaTailor's paths, in the order CloudFront must match
// them (/v1/session/* and /v1/segment/* before /v1/*). Its regional manifest and segment hosts are fixed
// (manifests.mediatailor.<region>.amazonaws.com), so the distribution needs nothing from the
// playback configurations, which in turn name the distribution as their content source and
// CDN: no dependency cycle. The hosts serve every account's configurations, so a function on
// the /v1/ behaviours admits only the ones AdRoutes.Allow names, and POST only for sessions.
func (v *viewer) mediaTailor(d cf.Distribution, account string) *AdRoutes {
	routes := &AdRoutes{allow: &[]string{}}
	routes.Guard = cf.NewFunction(v.scope, jsii.String("AdRoutesGuard"), &cf.FunctionProps{
		Code:    cf.FunctionCode_FromInline(awscdk.Lazy_String(&guardCode{allow: routes.allow, account: account}, nil)),
		Runtime: cf.FunctionRuntime_JS_2_0(),
		Comment: jsii.String("Only this stack's MediaTailor playback configurations; POST only for sessions"),
	})
	guard := &[]*cf.FunctionAssociation{{EventType: cf.FunctionEventType_VIEWER_REQUEST, Function: routes.Guard}}
	origin := func(host string) cf.IOrigin {
		return awscloudfrontorigins.NewHttpOrigin(jsii.String(host+".mediatailor."+*awscdk.Aws_REGION()+".amazonaws.com"), &awscloudfrontorigins.HttpOriginProps{
			ProtocolPolicy:     cf.OriginProtocolPolicy_HTTPS_ONLY,
			OriginSslProtocols: &[]cf.OriginSslPolicy{cf.OriginSslPolicy_TLS_V1_2},
		})
	}
	manifests := origin("manifests")
	add := func(pattern string, origin cf.IOrigin, methods cf.AllowedMethods, cache cf.ICachePolicy, request cf.IOriginRequestPolicy, headers cf.IResponseHeadersPolicy, functions *[]*cf.FunctionAssociation) {
		d.AddBehavior(jsii.String(pattern), origin, &cf.AddBehaviorOptions{
			ViewerProtocolPolicy:  cf.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
			AllowedMethods:        methods,
			CachedMethods:         cf.CachedMethods_CACHE_GET_HEAD_OPTIONS(),
			CachePolicy:           cache,
			OriginRequestPolicy:   request,
			ResponseHeadersPolicy: headers,
			Compress:              jsii.Bool(true),
			FunctionAssociations:  functions,
		})
	}
	// Sessions are started with POST (client-side reporting): players on other origins need it
	// in CORS too. Personalised manifests and sessions are never cached, and get the query
	// strings (player parameters, session ids) and viewer headers MediaTailor passes to the ad server.
	sessions := v.cors("SessionCors", "CORS for players starting MediaTailor sessions (POST) from other origins", "GET", "HEAD", "OPTIONS", "POST")
	add("/v1/session/*", manifests, cf.AllowedMethods_ALLOW_ALL(), cf.CachePolicy_CACHING_DISABLED(), cf.OriginRequestPolicy_ELEMENTAL_MEDIA_TAILOR(), sessions, guard)
	// MediaTailor's ad segment redirects (per session): cached, so that a player's retries do not
	// fire its server-side beacons twice ("Using a CDN to cache these 301 responses ensures that
	// MediaTailor doesn't make duplicate beacon calls", MediaTailor's CDN integration guide),
	// with every query string in the key and forwarded (MediaTailor copies manifest.*
	// parameters onto these links).
	redirects := cf.NewCachePolicy(v.scope, jsii.String("AdSegmentRedirects"), &cf.CachePolicyProps{
		Comment:             jsii.String("MediaTailor ad segment redirects: every query string in the key, no headers or cookies"),
		QueryStringBehavior: cf.CacheQueryStringBehavior_All(),
		HeaderBehavior:      cf.CacheHeaderBehavior_None(),
		CookieBehavior:      cf.CacheCookieBehavior_None(),
		MinTtl:              awscdk.Duration_Seconds(jsii.Number(0)),
		DefaultTtl:          awscdk.Duration_Days(jsii.Number(1)),
		MaxTtl:              awscdk.Duration_Days(jsii.Number(365)),
	})
	add("/v1/segment/*", manifests, cf.AllowedMethods_ALLOW_GET_HEAD_OPTIONS(), redirects, nil, v.headers, guard)
	add("/v1/*", manifests, cf.AllowedMethods_ALLOW_GET_HEAD_OPTIONS(), cf.CachePolicy_CACHING_DISABLED(), cf.OriginRequestPolicy_ELEMENTAL_MEDIA_TAILOR(), v.headers, guard)
	// Ad segments (MediaTailor's transcodes of the creatives): the same for every viewer. Their
	// paths name no account or configuration (MediaTailor's CDN guide gives only /tm/*): not
	// guarded; they hold ads only.
	add("/tm/*", origin("segments"), cf.AllowedMethods_ALLOW_GET_HEAD_OPTIONS(), cf.CachePolicy_CACHING_OPTIMIZED(), nil, v.headers, nil)
	return routes
}

// metric is one of CloudFront's metrics of d: Average over five minutes, labelled with its name,
// changed by props. CloudFront publishes them in
// us-east-1 with DistributionId and Region=Global; CDK's metric helpers leave Region out
// (aws/aws-cdk#19245), which matches nothing: name both
// (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/programming-cloudwatch-metrics.html).
func metric(d cf.Distribution, name string, props *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	return ops.With(d.Metric(jsii.String(name), &awscloudwatch.MetricOptions{
		Statistic: jsii.String("Average"), Period: awscdk.Duration_Minutes(jsii.Number(5)), Label: jsii.String(name),
		Region: jsii.String("us-east-1"), DimensionsMap: &map[string]*string{"DistributionId": d.DistributionId(), "Region": jsii.String("Global")},
	}), props)
}

// stat is metric options of a statistic and a label.
func stat(statistic, label string) *awscloudwatch.MetricOptions {
	return &awscloudwatch.MetricOptions{Statistic: jsii.String(statistic), Label: jsii.String(label)}
}

// widgets are a distribution's dashboard widgets: requests, error rates and (with additional
// metrics) cache hit rate and origin latency. CloudFront publishes its metrics in us-east-1.
func widgets(d cf.Distribution, o *Options) []awscloudwatch.IWidget {
	out := []awscloudwatch.IWidget{
		ops.Graph("CloudFront error rates (%; right: requests)", []awscloudwatch.IMetric{
			metric(d, "4xxErrorRate", stat("Average", "4xx %")), metric(d, "5xxErrorRate", stat("Average", "5xx %")),
		}, []awscloudwatch.IMetric{metric(d, "Requests", stat("Sum", "requests"))}),
	}
	if !o.WithoutAdditionalMetrics {
		out = append(out, ops.Graph("CloudFront cache hit rate (%; right: origin latency, ms)", []awscloudwatch.IMetric{
			metric(d, "CacheHitRate", stat("Average", "cache hit %")),
		}, []awscloudwatch.IMetric{metric(d, "OriginLatency", stat("p90", "origin latency p90"))}))
	}
	return out
}

// priceClass is the price class the distribution uses.
func priceClass(o *Options) string {
	if o.PriceClass == "" {
		return string(cf.PriceClass_PRICE_CLASS_100)
	}
	return string(o.PriceClass)
}

// baseURL is the https URL viewers reach the distribution at: its first alternate domain name
// that is not a wildcard, else its CloudFront domain. Every URL a stack hands out (outputs,
// player links, MediaTailor's prefixes) starts with it, so that the player page, opened there,
// plays them under its Content-Security-Policy ('self').
func baseURL(d cf.Distribution, o *Options) *string {
	for _, n := range o.DomainNames {
		if !strings.HasPrefix(n, "*.") {
			return jsii.String("https://" + n)
		}
	}
	return jsii.String("https://" + *d.DistributionDomainName())
}
