package packaging

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmediapackage"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	mpvodtypes "github.com/aws/aws-sdk-go-v2/service/mediapackagevod/types"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/encoding"
	"github.com/streamcdk/streamcdk/constructs/internal/nag"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// VodOptions are the packaging settings a user chooses (the VoD stack takes them as they are).
type VodOptions struct {
	// SegmentSeconds of the packaged outputs (1-30). Default: 6.
	SegmentSeconds int
	// DRM encrypts the CMAF and DASH configurations through a SPEKE v2 key provider (and leaves
	// out the HLS (TS) one). Default: no encryption.
	DRM VodDRMOptions
}

// Validate returns the *validate.Error NewVod would panic with for these options, without
// creating anything.
func (o *VodOptions) Validate() error {
	if err := encoding.CheckSegment("packaging", o.SegmentSeconds, true); err != nil {
		return err
	}
	return o.DRM.Validate()
}

// VodProps configures NewVod: the options and what the packaging group is wired to.
type VodProps struct {
	VodOptions
	// SourceBucket holds the HLS outputs that become assets. Required.
	SourceBucket awss3.IBucket
	// CDNIdentifierSecret holds the CDN identifier (key MediaPackageCDNIdentifier); when set,
	// the packaging group only answers requests that carry it. Default: no CDN authorization.
	CDNIdentifierSecret awssecretsmanager.ISecret
	// KeyProviderRole is the role MediaPackage assumes to call DRM.KeyProviderURL (it trusts
	// mediapackage.amazonaws.com and may invoke the provider's API). Required with DRM.
	KeyProviderRole awsiam.IRole
}

// Vod is a MediaPackage VOD packaging group with HLS, DASH and CMAF configurations.
type Vod struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// PackagingGroup is the group assets are registered in.
	PackagingGroup awsmediapackage.CfnPackagingGroup
	// HLS, DASH and CMAF are the packaging configurations; HLS is nil with DRM.
	HLS, DASH, CMAF awsmediapackage.CfnPackagingConfiguration
	// IngestRole is the role MediaPackage assumes to read the source bucket (SourceRoleArn).
	IngestRole awsiam.Role
	// SecretsRole is the role MediaPackage assumes to read the CDN identifier; nil without one.
	SecretsRole awsiam.Role

	props VodProps
}

// Validate returns the *validate.Error NewVod would panic with for these props, without creating
// anything.
func (p *VodProps) Validate() error {
	if p.SourceBucket == nil {
		return validate.Invalid("packaging", "SourceBucket", validate.NoValue, "is required")
	}
	if p.DRM.On() && p.KeyProviderRole == nil {
		return validate.Invalid("packaging", "KeyProviderRole", validate.NoValue, "is required with DRM: the role MediaPackage assumes to call {DRM.KeyProviderURL}")
	}
	return p.VodOptions.Validate()
}

// NewVod defines the packaging group.
func NewVod(scope constructs.Construct, id string, props *VodProps) *Vod {
	if props == nil {
		props = &VodProps{}
	}
	if err := props.Validate(); err != nil {
		panic(err)
	}
	seg := props.SegmentSeconds
	if seg == 0 {
		seg = encoding.SegmentSeconds
	}
	c := constructs.NewConstruct(scope, &id)
	v := &Vod{Construct: c, props: *props}
	mp := awsiam.NewServicePrincipal(jsii.String("mediapackage.amazonaws.com"), nil)
	v.addIngestRole(mp)
	group := &awsmediapackage.CfnPackagingGroupProps{
		Id:               awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(100), Separator: jsii.String("-")}),
		EgressAccessLogs: &awsmediapackage.CfnPackagingGroup_LogConfigurationProperty{},
	}
	if props.CDNIdentifierSecret != nil {
		group.Authorization = v.addCdnAuthorization(mp)
	}
	v.PackagingGroup = awsmediapackage.NewCfnPackagingGroup(c, jsii.String("Resource"), group)
	if v.SecretsRole != nil {
		// MediaPackage checks that the role can read the secret when the group is created, so the
		// role's policy must exist first (the GetAtt only orders the role itself).
		v.PackagingGroup.Node().AddDependency(v.SecretsRole.Node().FindChild(jsii.String("DefaultPolicy")))
	}
	v.addConfigurations(seg)
	return v
}

// addIngestRole is the role MediaPackage assumes to read the HLS outputs it makes assets of.
func (v *Vod) addIngestRole(mp awsiam.IPrincipal) {
	src := v.props.SourceBucket
	v.IngestRole = awsiam.NewRole(v.Construct, jsii.String("IngestRole"), &awsiam.RoleProps{
		AssumedBy:   mp,
		Description: jsii.String("MediaPackage VOD reads HLS outputs to create assets"),
	})
	v.IngestRole.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetObject"),
		Resources: jsii.Strings(*src.ArnForObjects(jsii.String("*"))),
	}))
	v.IngestRole.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetBucketLocation", "s3:GetBucketRequestPayment", "s3:ListBucket"),
		Resources: jsii.Strings(*src.BucketArn()),
	}))
	if k := src.EncryptionKey(); k != nil {
		k.GrantDecrypt(v.IngestRole) // SSE-KMS sources
	}
	nag.Suppress(v.IngestRole, true, nag.Rule{ID: "AwsSolutions-IAM5", AppliesTo: []string{"Resource::<" + logicalRef(src) + ".Arn>/*"},
		Reason: "Assets are created for outputs whose keys are derived from user uploads at run time; reads are limited to the output bucket."})
}

// addCdnAuthorization is the role MediaPackage assumes to read the CDN identifier, and the
// group's authorization with it.
func (v *Vod) addCdnAuthorization(mp awsiam.IPrincipal) *awsmediapackage.CfnPackagingGroup_AuthorizationProperty {
	secret := v.props.CDNIdentifierSecret
	v.SecretsRole = awsiam.NewRole(v.Construct, jsii.String("SecretsRole"), &awsiam.RoleProps{
		AssumedBy:   mp,
		Description: jsii.String("MediaPackage reads the CDN identifier secret"),
	})
	// What MediaPackage documents for CDN authorization: read the secret and its versions,
	// and list secrets (an action without resource types).
	secret.GrantRead(v.SecretsRole, nil)
	v.SecretsRole.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("secretsmanager:ListSecretVersionIds"),
		Resources: &[]*string{secret.SecretArn()},
	}))
	v.SecretsRole.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("secretsmanager:ListSecrets"),
		Resources: jsii.Strings("*"),
	}))
	nag.Suppress(v.SecretsRole, true, nag.Rule{ID: "AwsSolutions-IAM5", AppliesTo: []string{"Resource::*"},
		Reason: "secretsmanager:ListSecrets supports no resource type; MediaPackage's CDN authorization documents it."})
	return &awsmediapackage.CfnPackagingGroup_AuthorizationProperty{
		CdnIdentifierSecret: secret.SecretArn(),
		SecretsRoleArn:      v.SecretsRole.RoleArn(),
	}
}

// addConfigurations are the group's HLS, DASH and CMAF packaging configurations.
func (v *Vod) addConfigurations(seg int) {
	config := func(name string, p *awsmediapackage.CfnPackagingConfigurationProps) awsmediapackage.CfnPackagingConfiguration {
		cc := constructs.NewConstruct(v.Construct, jsii.String(name))
		p.Id = awscdk.Names_UniqueResourceName(cc, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(100), Separator: jsii.String("-")})
		p.PackagingGroupId = v.PackagingGroup.Id() // a literal, hence the explicit dependency below
		r := awsmediapackage.NewCfnPackagingConfiguration(cc, jsii.String("Resource"), p)
		r.Node().AddDependency(v.PackagingGroup)
		return r
	}
	s := jsii.Number(float64(seg))
	// HLS and CMAF keep the SCTE-35 ad markers of the input HLS (MediaConvert's cues at the
	// pipeline's ad breaks; none without): "Passthrough – Copy the SCTE-35 ad markers directly
	// from the input HLS" (https://docs.aws.amazon.com/mediapackage/latest/ug/cfigs-hls-manset.html).
	// DASH gets no ad periods: from manifest markers MediaPackage VOD reads only the SCTE-35
	// Enhanced syntax, not MediaConvert's Elemental cues (cfigs-dash-manset.html), and the VoD
	// ad insertion's DASH is MediaConvert's own (single period).
	markers := jsii.String(string(mpvodtypes.AdMarkersPassthrough))
	// Captions and audio: MediaPackage VOD passes the input's WebVTT subtitles through to HLS and
	// CMAF and gives DASH EBU-TT-D ("Features", https://docs.aws.amazon.com/mediapackage/latest/ug/what-is-features.html);
	// UseAudioRenditionGroup keeps the audio renditions in one EXT-X-MEDIA group ("HLS packaging
	// configuration", https://docs.aws.amazon.com/mediapackage/latest/ug/cfigs-hls-manset.html),
	// as the pipeline writes them for a title with several.
	// With DRM there is no HLS (TS) configuration: it takes SPEKE v1 only (VodDRMSupport), and a
	// clear one would hand out what the others protect.
	if !v.props.DRM.On() {
		v.HLS = config("Hls", &awsmediapackage.CfnPackagingConfigurationProps{HlsPackage: &awsmediapackage.CfnPackagingConfiguration_HlsPackageProperty{
			SegmentDurationSeconds: s, UseAudioRenditionGroup: jsii.Bool(true),
			HlsManifests: &[]*awsmediapackage.CfnPackagingConfiguration_HlsManifestProperty{{ManifestName: jsii.String("index"), IncludeIframeOnlyStream: jsii.Bool(true), AdMarkers: markers}},
		}})
	}
	dash := &awsmediapackage.CfnPackagingConfiguration_DashPackageProperty{
		SegmentDurationSeconds: s, SegmentTemplateFormat: jsii.String("NUMBER_WITH_TIMELINE"),
		DashManifests: &[]*awsmediapackage.CfnPackagingConfiguration_DashManifestProperty{{ManifestName: jsii.String("index"), MinBufferTimeSeconds: jsii.Number(float64(2 * seg)), Profile: jsii.String("NONE")}},
	}
	cmaf := &awsmediapackage.CfnPackagingConfiguration_CmafPackageProperty{
		SegmentDurationSeconds: s, IncludeEncoderConfigurationInSegments: jsii.Bool(false),
		HlsManifests: &[]*awsmediapackage.CfnPackagingConfiguration_HlsManifestProperty{{ManifestName: jsii.String("index"), IncludeIframeOnlyStream: jsii.Bool(false), AdMarkers: markers}},
	}
	if v.props.DRM.On() {
		dash.Encryption = &awsmediapackage.CfnPackagingConfiguration_DashEncryptionProperty{SpekeKeyProvider: v.speke("DASH")}
		cmaf.Encryption = &awsmediapackage.CfnPackagingConfiguration_CmafEncryptionProperty{SpekeKeyProvider: v.speke("CMAF")}
	}
	v.DASH = config("Dash", &awsmediapackage.CfnPackagingConfigurationProps{DashPackage: dash})
	v.CMAF = config("Cmaf", &awsmediapackage.CfnPackagingConfigurationProps{CmafPackage: cmaf})
}

// DomainName is the packaging group's egress host name (without the scheme), for use as a
// CloudFront origin.
func (v *Vod) DomainName() *string {
	return awscdk.Fn_Select(jsii.Number(2), awscdk.Fn_Split(jsii.String("/"), v.PackagingGroup.AttrDomainName(), nil))
}

// logicalRef names a bucket the way cdk-nag prints it in IAM5 findings.
func logicalRef(b awss3.IBucket) string {
	if cfn, ok := b.Node().DefaultChild().(awscdk.CfnResource); ok && cfn != nil {
		return *awscdk.Stack_Of(b).GetLogicalId(cfn)
	}
	return *b.Node().Path()
}
