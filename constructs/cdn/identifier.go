package cdn

import (
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/constructs/internal/nag"
	"github.com/streamcdk/streamcdk/constructs/validate"
)

// Version selects the MediaPackage generation whose CDN authorization the identifier serves.
type Version string

const (
	// MediaPackageV1 uses secret key MediaPackageCDNIdentifier and header
	// X-MediaPackage-CDNIdentifier (MediaPackage VOD and v1 live endpoints). The default.
	MediaPackageV1 Version = "V1"
	// MediaPackageV2 uses secret key MediaPackageV2CDNIdentifier and header
	// X-MediaPackageV2-CDNIdentifier.
	MediaPackageV2 Version = "V2"
)

// IdentifierOptions are the identifier settings a user chooses (the stacks take them as they
// are).
type IdentifierOptions struct {
	// Secret is an existing secret holding the identifier under the version's key.
	// Default: a secret with a generated 32-character identifier.
	Secret awssecretsmanager.ISecret
	// SecretVersionID pins the secret version CloudFront sends. Rotation without a gap: put a
	// new value (aws secretsmanager put-secret-value), then deploy with its version id: the
	// template changes, so CloudFormation updates the distribution, and while the change
	// reaches every edge MediaPackage still accepts the previous value ("either the current
	// value in Secrets Manager or one version back",
	// https://docs.aws.amazon.com/mediapackage/latest/userguide/cdn-auth-rotate.html; wait 5
	// minutes for MediaPackage v2, 10 for MediaPackage VOD,
	// https://docs.aws.amazon.com/mediapackage/latest/ug/cdn-auth-rotate.html, before deploying).
	// Default: the current version when the stack is first deployed (an unchanged template
	// never re-reads the secret).
	SecretVersionID string
}

// Validate returns the *validate.Error NewIdentifier would panic with for these options, without
// creating anything.
func (o *IdentifierOptions) Validate() error {
	if v := o.SecretVersionID; v != "" && !secretVersionRe.MatchString(v) {
		return bad("SecretVersionID", v, "is not a Secrets Manager version id (32-64 letters, digits and hyphens, as put-secret-value returns it)")
	}
	return nil
}

// IdentifierProps configures NewIdentifier: the options and the MediaPackage it is for.
type IdentifierProps struct {
	IdentifierOptions
	// Version of MediaPackage the identifier is for. Default: MediaPackageV1.
	Version Version
	// ReplicaRegions replicate a secret made here to these Regions (Secrets Manager replicas:
	// the same value, read in each Region), for a distribution in another Region that sends it
	// (Identifier.ReplicaIn), under SecretName. Default: none.
	ReplicaRegions []string
	// SecretName names a secret made here (a replica keeps its primary's name, by which another
	// Region's stack reads it). Required with ReplicaRegions. Default: a generated name.
	SecretName string
}

var secretVersionRe = regexp.MustCompile(`^[A-Za-z0-9-]{32,64}$`)

// Identifier is the shared secret CloudFront sends and MediaPackage checks, so that only the
// distribution can pull from the origin.
type Identifier struct {
	// Construct is the scope holding the created resources.
	Construct constructs.Construct
	// Secret holds the identifier as JSON under Key.
	Secret awssecretsmanager.ISecret
	// Key is the JSON key of the identifier in the secret.
	Key string
	// HeaderName is the header CloudFront sends to the origin.
	HeaderName string
	// Version is the MediaPackage generation the identifier is for.
	Version Version

	versionID string
	name      string
	replica   bool
}

// NewIdentifier defines the CDN identifier secret. props may be nil.
func NewIdentifier(scope constructs.Construct, id string, props *IdentifierProps) *Identifier {
	if props == nil {
		props = &IdentifierProps{}
	}
	if err := props.IdentifierOptions.Validate(); err != nil {
		panic(err)
	}
	if err := validate.OneOfOrDefault("cdn", "Version", props.Version, []Version{MediaPackageV1, MediaPackageV2}); err != nil {
		panic(err)
	}
	if len(props.ReplicaRegions) > 0 && props.SecretName == "" {
		panic(bad("SecretName", validate.NoValue, "is required with {ReplicaRegions}: other Regions read the replica by it"))
	}
	c := constructs.NewConstruct(scope, &id)
	i := &Identifier{Construct: c, Key: "MediaPackageCDNIdentifier", HeaderName: "X-MediaPackage-CDNIdentifier", Version: MediaPackageV1, versionID: props.SecretVersionID, name: props.SecretName}
	if props.Version == MediaPackageV2 {
		i.Key, i.HeaderName, i.Version = "MediaPackageV2CDNIdentifier", "X-MediaPackageV2-CDNIdentifier", MediaPackageV2
	}
	if props.Secret != nil {
		i.Secret = props.Secret
		return i
	}
	var replicas *[]*awssecretsmanager.ReplicaRegion
	for _, r := range props.ReplicaRegions {
		if replicas == nil {
			replicas = &[]*awssecretsmanager.ReplicaRegion{}
		}
		*replicas = append(*replicas, &awssecretsmanager.ReplicaRegion{Region: jsii.String(r)})
	}
	var name *string
	if props.SecretName != "" {
		name = jsii.String(props.SecretName)
	}
	s := awssecretsmanager.NewSecret(c, jsii.String("Resource"), &awssecretsmanager.SecretProps{
		ReplicaRegions: replicas,
		SecretName:     name,
		Description:    jsii.String("CDN identifier CloudFront sends to MediaPackage (" + i.HeaderName + ")"),
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			SecretStringTemplate: jsii.String("{}"),
			GenerateStringKey:    jsii.String(i.Key),
			ExcludePunctuation:   jsii.Bool(true),
			PasswordLength:       jsii.Number(32),
		},
	})
	nag.Suppress(s, false, nag.Rule{ID: "AwsSolutions-SMG4",
		Reason: "The CDN identifier is also a CloudFront origin header: a rotation Lambda would change the secret without updating the distribution. Rotation is put-secret-value, then a deploy pinning the new version (*:cdnIdentifierVersionId), while MediaPackage accepts the previous value."})
	i.Secret = s
	return i
}

// HeaderValue is a CloudFormation dynamic reference to the identifier (of SecretVersionID when
// pinned): the value is resolved at deploy time and never appears in the template.
func (i *Identifier) HeaderValue() *string {
	if i.replica {
		return awscdk.SecretValue_SecretsManager(jsii.String(i.name), &awscdk.SecretsManagerSecretOptions{JsonField: jsii.String(i.Key)}).UnsafeUnwrap()
	}
	if i.versionID == "" {
		return i.Secret.SecretValueFromJson(jsii.String(i.Key)).UnsafeUnwrap()
	}
	return awscdk.SecretValue_SecretsManager(i.Secret.SecretArn(), &awscdk.SecretsManagerSecretOptions{
		JsonField: jsii.String(i.Key), VersionId: jsii.String(i.versionID),
	}).UnsafeUnwrap()
}

// ReplicaIn is the identifier as its Secrets Manager replica holds it in scope's Region (made
// with IdentifierProps.ReplicaRegions), for a stack there: a replica keeps its primary's name
// ("replica secrets ... have the same name as the primary secret",
// https://docs.aws.amazon.com/secretsmanager/latest/userguide/create-manage-multi-region-secrets.html),
// so the header value is a dynamic reference by that name, resolved in that Region: the value
// never appears in a template, and no value crosses between the stacks. The replica's version
// is its current one.
func (i *Identifier) ReplicaIn(scope constructs.Construct, id string) *Identifier {
	if i.name == "" {
		panic(bad("SecretName", validate.NoValue, "is required to read the identifier's replica in another Region"))
	}
	r := *i
	r.Construct = constructs.NewConstruct(scope, &id)
	r.Secret = awssecretsmanager.Secret_FromSecretNameV2(r.Construct, jsii.String("Replica"), jsii.String(i.name))
	r.versionID, r.replica = "", true
	return &r
}
